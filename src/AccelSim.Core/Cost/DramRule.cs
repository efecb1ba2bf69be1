using AccelSim.Units;

namespace AccelSim.Cost;

/// <summary>
/// Off-chip memory energy of one technology, in one decomposition for every technology: per bit read and written
/// inside the device (column access), per bit through the interface (<see cref="IoPerBit"/>, both directions), per
/// row activation, and <see cref="Background"/> power (standby and refresh) per channel of
/// <see cref="ChannelBits"/> data pins; and per bit a PIM unit takes from a row buffer (its MACs included) where a
/// source gives it.
/// </summary>
public sealed record DramRule(Energy ReadPerBit, Energy WritePerBit, Energy? Activation, Energy? PimAccessPerBit = null)
{
    public Energy IoPerBit { get; init; }

    /// <summary>The row one activation opens; with it, a memory that does not count rows is charged an activation per row's worth of bits.</summary>
    public ByteSize? Row { get; init; }

    public Power? Background { get; init; }

    public int ChannelBits { get; init; } = 1;

    /// <summary>
    /// An activation's share of each bit streamed through whole rows: what a memory model that does not count row
    /// activations is charged per bit instead (the row-buffer hit rate of streaming, the best case).
    /// </summary>
    public Energy StreamedActivationPerBit => Activation is Energy a && Row is ByteSize row && row.Bits > 0 ? a * (1.0 / row.Bits) : default;
}
