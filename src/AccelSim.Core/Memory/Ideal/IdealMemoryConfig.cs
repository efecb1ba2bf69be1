using AccelSim.Config.Yaml;
using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Memory.Ideal;

/// <summary>A memory with unbounded bandwidth and no latency; its traffic is priced only when it names a technology.</summary>
public sealed record IdealMemoryConfig(string? Technology = null, SourceLocation TechnologyLocation = default)
    : MemoryConfig(IdealMemoryKind.Name, Technology, TechnologyLocation)
{
    public override IMemoryModel Build(Timeline? timeline) => new IdealMemory();

    public override Bandwidth? PeakBandwidth => null;
}
