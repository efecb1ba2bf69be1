using AccelSim.Hardware;
using AccelSim.Memory;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Accelerator;

public class CatalogTests
{
    [Fact]
    public void EveryPeKindImplementation_IsInThePeCatalog()
    {
        var implemented = typeof(IPeKind).Assembly.GetTypes().Where(t => typeof(IPeKind).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract);
        Assert.All(implemented, t => Assert.Contains(PeCatalog.Kinds, k => k.GetType() == t));
        Assert.Equal(PeCatalog.Kinds.Count, PeCatalog.Kinds.Select(k => k.Kind).Distinct().Count());
    }

    [Fact]
    public void EveryMemoryKindImplementation_IsInTheMemoryCatalog()
    {
        var implemented = typeof(IMemoryKind).Assembly.GetTypes().Where(t => typeof(IMemoryKind).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract);
        Assert.All(implemented, t => Assert.Contains(MemoryCatalog.Kinds, k => k.GetType() == t));
        Assert.Equal(MemoryCatalog.Kinds.Count, MemoryCatalog.Kinds.Select(k => k.Kind).Distinct().Count());
    }

    [Fact]
    public void EveryShippedDesignAndWorkload_Validates()
    {
        string root = AppContext.BaseDirectory;
        string[] files =
        [
            .. Directory.GetFiles(Path.Combine(root, "arch-configs"), "*.yaml"),
            .. Directory.GetFiles(Path.Combine(root, "arch-configs", "scale-sim"), "*.yaml"),
            .. Directory.GetFiles(Path.Combine(root, "workloads"), "*.yaml", SearchOption.TopDirectoryOnly),
            .. Directory.GetFiles(Path.Combine(root, "workloads", "llm"), "*.yaml"),
            .. Directory.GetFiles(Path.Combine(root, "workloads", "gemm")),
        ];
        Assert.True(files.Length >= 12);
        (int exit, string output, string error) = Run(["validate", .. files]);
        Assert.True(exit == 0, error);
        Assert.Equal(files.Length, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
