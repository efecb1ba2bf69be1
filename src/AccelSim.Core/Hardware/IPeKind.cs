using AccelSim.Config.Yaml;
using AccelSim.Numerics;

namespace AccelSim.Hardware;

/// <summary>One kind of PE array as the YAML knows it: its <c>kind:</c> name, its own keys and the formats it can run.</summary>
public interface IPeKind
{
    string Kind { get; }

    string Summary { get; }

    /// <summary>Null when the format can be used for that operand; otherwise why not.</summary>
    string? Unsupported(NumericFormat format, bool isWeight);

    /// <summary>Reads the kind's own keys; errors go to the reader's diagnostics.</summary>
    ComputeUnitConfig Read(MappingReader reader, ComputeUnitCommon common);
}
