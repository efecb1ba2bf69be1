using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Accelerator;

/// <summary>
/// The shipped PE-kind designs run the shipped decode workloads their datapaths take, with every sampled GEMM
/// bit-exact, and refuse the others at load time with the reason.
/// </summary>
public class ShippedPeDesignTests
{
    public static TheoryData<string, string, bool> Pairs()
    {
        // design → the weight/activation precisions its units take (the rest must be refused).
        var runs = new Dictionary<string, string[]>
        {
            ["fp16-dequant-baseline"] = ["w4a16"],
            ["int8-systolic"] = ["w8a8", "w1.58a8"],
            ["mixpe-w4a8"] = ["w4a8", "w2a8", "w8a8"],
            ["mixpe-w4a16"] = ["w4a16"],
            ["bitserial-bitmod"] = ["w4a8", "w2a8", "w1.58a8", "w8a8"],
            ["lut-tensor-core"] = ["w4a8", "w2a8", "w1.58a8", "w8a8"],
        };
        string[] precisions = ["w4a8", "w4a16", "w2a8", "w1.58a8", "w8a8"];
        var data = new TheoryData<string, string, bool>();
        foreach ((string design, string[] ok) in runs)
        {
            foreach (string precision in precisions)
            {
                data.Add(design, $"opt-6.7b-decode-{precision}", ok.Contains(precision));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Design_RunsTheWorkloadsItTakes_Exactly_AndRefusesTheRest(string design, string workload, bool runs)
    {
        string root = AppContext.BaseDirectory, dir = TempDirectory();
        (int exit, string output, string error) = Run(
            "run", "--arch", Path.Combine(root, "arch-configs", design + ".yaml"), "--workload", Path.Combine(root, "workloads", "llm", workload + ".yaml"),
            "--out", dir, "--functional", "sample");
        if (runs)
        {
            Assert.True(exit == 0, error);
            string summary = File.ReadAllText(Path.Combine(dir, "summary.json"));
            Assert.Contains("\"mismatch\": 0", summary, StringComparison.Ordinal);
            Assert.DoesNotContain("\"exact\": 0,", summary, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(1, exit);
            Assert.Empty(output);
            Assert.Contains($"no compute unit of {design} can run", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("mixpe-w4a8")]
    [InlineData("lut-tensor-core")]
    public void SharedBuffers_AreOnTheChipOnce_ForBothArrays(string design)
    {
        string root = AppContext.BaseDirectory, dir = TempDirectory();
        (int exit, _, string error) = Run(
            "run", "--arch", Path.Combine(root, "arch-configs", design + ".yaml"), "--workload", Path.Combine(root, "workloads", "llm", "opt-6.7b-decode-w4a8.yaml"),
            "--out", dir, "--functional", "off");
        Assert.True(exit == 0, error);
        string summary = File.ReadAllText(Path.Combine(dir, "summary.json"));
        Assert.Contains("1 × SRAM buffer activations", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("2 × SRAM buffer", summary, StringComparison.Ordinal);
    }
}
