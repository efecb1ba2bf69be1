using AccelSim.Config.Yaml;
using AccelSim.Units;

namespace AccelSim.Memory.Sram;

/// <summary>
/// An on-chip buffer of each core, or with <paramref name="Shared"/> one buffer that every core of every compute unit
/// uses (as a small attention array shares the main array's SRAMs): capacity, banks, port bandwidths, double buffering
/// and the operands it holds.
/// </summary>
public sealed record SramBufferConfig(
    string Name,
    ByteSize Capacity,
    int Banks,
    Bandwidth ReadBandwidth,
    Bandwidth WriteBandwidth,
    bool DoubleBuffered,
    IReadOnlyList<Operand> Holds,
    SourceLocation Location = default,
    bool Shared = false)
{
    /// <summary>Room for one tile's worth of the operands: half the capacity when double-buffered.</summary>
    public ByteSize TileRoom => DoubleBuffered ? Capacity / 2 : Capacity;
}
