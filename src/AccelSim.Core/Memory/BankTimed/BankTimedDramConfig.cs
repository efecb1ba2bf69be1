using AccelSim.Config.Yaml;
using AccelSim.Events;
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
    int QueueDepth)
    : MemoryConfig(Kind, Technology, TechnologyLocation)
{
    public override IMemoryModel Build(Timeline? timeline) => new BankTimedDram(this, timeline);

    /// <summary>Every unit's data bus busy all the time: bursts × burst bytes over the burst time.</summary>
    public override Bandwidth? PeakBandwidth => new(
        (long)Organization.Units * Organization.BurstBytes * 8 * 1_000_000_000_000 / Timing.Burst.Picoseconds);

    public override bool CountsRowActivations => true;
}
