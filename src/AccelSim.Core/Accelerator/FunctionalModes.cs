namespace AccelSim.Accelerator;

/// <summary>The functional modes by the names the command line and sweep specs use.</summary>
public static class FunctionalModes
{
    public static IReadOnlyDictionary<string, FunctionalMode> ByName { get; } = new Dictionary<string, FunctionalMode>
    {
        ["full"] = FunctionalMode.Full, ["sample"] = FunctionalMode.Sample, ["off"] = FunctionalMode.Off,
    };
}
