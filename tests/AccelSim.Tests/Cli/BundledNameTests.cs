using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Cli;

/// <summary><c>accelsim list</c> and bundled files named without a path.</summary>
public class BundledNameTests
{
    private static IEnumerable<string> Stems(string directory, SearchOption depth) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, directory), "*.yaml", depth)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Contains("models"))
            .Select(Path.GetFileNameWithoutExtension)!;

    [Fact]
    public void List_NamesEveryBundledDesignWorkloadAndSweep_OnALineOfItsOwn()
    {
        (int exit, string output, string err) = Run("list");
        Assert.True(exit == 0, err);
        string[] lines = output.Split('\n');
        IEnumerable<string> names = Stems("arch-configs", SearchOption.TopDirectoryOnly)
            .Concat(Stems("workloads", SearchOption.AllDirectories))
            .Concat(Stems(Path.Combine("arch-configs", "sweeps"), SearchOption.TopDirectoryOnly));
        foreach (string name in names)
        {
            Assert.Contains(lines, l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));
        }

        Assert.DoesNotContain("does not load", output, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("bitserial-bitmod", StringComparison.Ordinal) && l.Contains("bit-serial", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_TakesBundledNames_ForTheDesignAndTheWorkload()
    {
        string dir = TempDirectory();
        (int exit, string output, string err) = Run("run", "--arch", "int8-systolic", "--workload", "llama2-7b-linear-m64-w8a8", "--functional", "off", "--out", dir);
        Assert.True(exit == 0, err);
        Assert.Contains("on llama2-7b-linear-m64-w8a8", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AName_ThatIsNoBundledFile_IsReportedAsAMissingFile()
    {
        (int exit, _, string err) = Run("run", "--arch", "tpu-v9-like", "--functional", "off", "--out", TempDirectory());
        Assert.Equal(1, exit);
        Assert.Contains("tpu-v9-like", err, StringComparison.Ordinal);
    }
}

/// <summary>One line per mistake: errors alike folded, with a hint at what would run.</summary>
public class FoldedErrorTests
{
    [Fact]
    public void AWorkloadTheDesignRefuses_ReadsAsOneLine_AndAHintNamingAWorkloadThatFits()
    {
        (int exit, _, string err) = Run("run", "--arch", "fp16-dequant-baseline", "--out", TempDirectory());
        Assert.Equal(1, exit);
        string[] lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= 3, err);
        Assert.Contains(lines, l => l.Contains("layer0.q_proj and 287 more alike (layer0.k_proj, layer0.v_proj,", StringComparison.Ordinal)
            && l.Contains("): no compute unit of fp16-dequant-baseline", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("hint: --set workload.formats.activations=fp16 ", StringComparison.Ordinal)
            && l.Contains("--workload llama2-7b-decode-w4a16", StringComparison.Ordinal));
        Assert.EndsWith("288 errors; nothing was run", lines[^1].TrimEnd(), StringComparison.Ordinal);

        // The hint is right: the named workload runs on the design.
        (int ran, _, string why) = Run("run", "--arch", "fp16-dequant-baseline", "--workload", "llama2-7b-decode-w4a16", "--functional", "off", "--out", TempDirectory());
        Assert.True(ran == 0, why);
    }
}
