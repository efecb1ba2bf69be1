using AccelSim.Config.Yaml;

namespace AccelSim.Memory;

/// <summary>One kind of off-chip memory as the YAML knows it.</summary>
public interface IMemoryKind
{
    string Kind { get; }

    string Summary { get; }

    MemoryConfig Read(MappingReader reader);
}
