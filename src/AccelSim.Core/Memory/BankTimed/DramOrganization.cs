using AccelSim.Units;

namespace AccelSim.Memory.BankTimed;

/// <summary>
/// How a DRAM is built: channels, each split into pseudo-channels (independent halves of its bus, each with its own
/// banks), bank groups, banks per group, rows per bank and columns per row. A column is one word of the
/// pseudo-channel's bus; a burst moves <see cref="BurstLength"/> of them.
/// </summary>
public sealed record DramOrganization(int Channels, int PseudoChannels, int BankGroups, int BanksPerGroup, int Rows, int Columns, int BusWidthBits, int BurstLength)
{
    /// <summary>Independently timed units: every pseudo-channel of every channel.</summary>
    public int Units => Channels * PseudoChannels;

    public int Banks => BankGroups * BanksPerGroup;

    public int UnitBusBits => BusWidthBits / PseudoChannels;

    public int BurstBytes => UnitBusBits * BurstLength / 8;

    public int BurstsPerRow => Columns / BurstLength;

    public ByteSize RowSize => ByteSize.FromBytes((long)Columns * UnitBusBits / 8);

    public ByteSize Capacity => ByteSize.FromBytes((long)Units * Banks * Rows * Columns * UnitBusBits / 8);

    public long TotalBursts => (long)Units * Banks * Rows * BurstsPerRow;
}
