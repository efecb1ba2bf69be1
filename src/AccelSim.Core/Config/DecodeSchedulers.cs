namespace AccelSim.Config;

/// <summary>The YAML names of the decode schedulers.</summary>
public static class DecodeSchedulers
{
    public static IReadOnlyDictionary<string, DecodeScheduler> ByName { get; } = new Dictionary<string, DecodeScheduler>
    {
        ["npu-only"] = DecodeScheduler.NpuOnly,
        ["npu+pim"] = DecodeScheduler.NpuPim,
        ["neupims"] = DecodeScheduler.NeuPims,
    };

    public static string Name(DecodeScheduler scheduler) => ByName.First(p => p.Value == scheduler).Key;
}
