using AccelSim.Config.Yaml;
using AccelSim.Events;
using AccelSim.Memory.Pim;
using AccelSim.Units;

namespace AccelSim.Memory.BankTimed;

/// <summary>A DRAM or HBM whose bandwidth comes from its organization and timing parameters, bank by bank.</summary>
public sealed record BankTimedDramConfig(
    string Kind,
    string Technology,
    SourceLocation TechnologyLocation,
    DramOrganization Organization,
    DramTiming Timing,
    AddressMapping Mapping,
    PagePolicy Policy,
    int QueueDepth,
    PimConfig? Pim = null)
    : MemoryConfig(Kind, Technology, TechnologyLocation)
{
    public override IMemoryModel Build(Timeline? timeline) => new BankTimedDram(this, timeline);

    /// <summary>Every unit's data bus busy all the time: bursts × burst bytes over the burst time.</summary>
    public override Bandwidth? PeakBandwidth => new(
        (long)Organization.Units * Organization.BurstBytes * 8 * 1_000_000_000_000 / Timing.Burst.Picoseconds);

    public override bool CountsRowActivations => true;

    public override double ChannelsOfWidth(int channelBits) => (double)Organization.Channels * Organization.BusWidthBits / channelBits;

    public override ByteSize? Holds => Organization.Capacity;

    /// <summary>One channel's (pseudo-channel's) banks with their PIM units; null when the memory has none.</summary>
    public override PimChannel? PimChannel => Pim is null ? null : new PimChannel(Organization, Timing, Pim);

    public override int PimChannels => Pim is null ? 0 : Organization.Units;
}
