using AccelSim.Config.Yaml;

namespace AccelSim.Memory.Ideal;

/// <summary>The <c>kind: ideal</c> entry, no keys of its own: what SCALE-Sim's <c>InterfaceBandwidth: CALC</c> assumes.</summary>
public sealed class IdealMemoryKind : IMemoryKind
{
    public const string Name = "ideal";

    public string Kind => Name;

    public string Summary => "never stalls: unbounded bandwidth, zero latency (SCALE-Sim's CALC)";

    public MemoryConfig Read(MappingReader reader) => new IdealMemoryConfig();
}
