using AccelSim.Config.Yaml;

namespace AccelSim.Memory.Ideal;

/// <summary>The <c>kind: ideal</c> entry, what SCALE-Sim's <c>InterfaceBandwidth: CALC</c> assumes; an optional <c>technology</c> prices its traffic.</summary>
public sealed class IdealMemoryKind : IMemoryKind
{
    public const string Name = "ideal";

    public string Kind => Name;

    public string Summary => "never stalls: unbounded bandwidth, zero latency (SCALE-Sim's CALC)";

    public MemoryConfig Read(MappingReader reader) => reader.Has("technology")
        ? new IdealMemoryConfig(reader.String("technology"), reader.Mapping["technology"]!.Location)
        : new IdealMemoryConfig();
}
