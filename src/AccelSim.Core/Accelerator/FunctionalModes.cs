using AccelSim.Config.Yaml;

namespace AccelSim.Accelerator;

/// <summary>The functional modes by the names the command line and sweep specs use.</summary>
public static class FunctionalModes
{
    public static IReadOnlyDictionary<string, FunctionalMode> ByName { get; } = new Dictionary<string, FunctionalMode>
    {
        ["full"] = FunctionalMode.Full, ["sample"] = FunctionalMode.Sample, ["off"] = FunctionalMode.Off,
    };

    /// <summary>The mode a <c>--functional</c> option names; an unknown name is reported and reads as off.</summary>
    public static FunctionalMode FromOption(string name, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (ByName.TryGetValue(name, out FunctionalMode mode))
        {
            return mode;
        }

        diagnostics.Add(SourceLocation.CommandLine("--functional"), "", $"'{name}' is not one of {string.Join(", ", ByName.Keys)}");
        return FunctionalMode.Off;
    }
}
