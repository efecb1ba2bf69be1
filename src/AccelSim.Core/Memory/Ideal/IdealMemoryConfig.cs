using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Memory.Ideal;

/// <summary>A memory with unbounded bandwidth and no latency.</summary>
public sealed record IdealMemoryConfig() : MemoryConfig(IdealMemoryKind.Name)
{
    public override IMemoryModel Build(Timeline? timeline) => new IdealMemory();

    public override Bandwidth? PeakBandwidth => null;
}
