using System.Globalization;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Cli;

public class CompareCommandTests
{
    private static string Design(string name) => Path.Combine(AppContext.BaseDirectory, "arch-configs", name);

    [Fact]
    public void Compare_TwoDesigns_OneRowEach_RelativeToTheFirst()
    {
        string dir = TempDirectory();
        string workload = Write(dir, "w.yaml", "kind: gemm\nops:\n  - {name: x, m: 64, n: 256, k: 512}\n");
        (int exit, string output, string error) = Run("compare", "--arch", Design("default.yaml"), Design("eyeriss-like.yaml"), "--workload", workload, "--out", dir, "--functional", "full");
        Assert.True(exit == 0, error);
        Assert.Contains("tpu-like-int8", output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(Path.Combine(dir, "compare.csv"));
        Assert.Equal(3, lines.Length);
        string[] header = lines[0].Split(',');
        Dictionary<string, string> Row(int i) => header.Zip(lines[i].Split(',')).ToDictionary(p => p.First, p => p.Second);
        double Number(Dictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);
        Dictionary<string, string> first = Row(1), second = Row(2);
        Assert.Equal("tpu-like-int8", first["design"]);
        Assert.Equal(1, Number(first, "speedup"));
        Assert.Equal(1, Number(first, "energy_vs_first"));
        // The eyeriss-like array (12×14 at 200 MHz) is far slower than a 128×128 array at 940 MHz.
        Assert.True(Number(second, "speedup") < 0.1);
        Assert.Equal(Number(first, "latency_us") / Number(second, "latency_us"), Number(second, "speedup"), 3);
        // Same seed, shape and formats: the same operands; both arrays compute the same integers, so the same error.
        Assert.Equal(first["sqnr_db"], second["sqnr_db"]);
        var svg = System.Xml.Linq.XDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.svg")));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
    }

    [Fact]
    public void Compare_OneDesign_OrABadOne_IsAnInputError_AndRunsNothing()
    {
        string dir = TempDirectory();
        (int exit, string output, string error) = Run("compare", "--arch", Design("default.yaml"), "--out", dir);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("--arch: name two or more designs to compare, or one design and two or more workloads", error, StringComparison.Ordinal);
        (exit, _, error) = Run("compare", "--arch", Design("default.yaml"), Path.Combine(dir, "missing.yaml"), "--out", dir);
        Assert.Equal(1, exit);
        Assert.Contains("missing.yaml", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "compare.csv")));
    }

    [Fact]
    public void Compare_EachDesignOnItsOwnWorkload_PairsThemInOrder()
    {
        string dir = TempDirectory();
        string w8 = Write(dir, "w8.yaml", "kind: gemm\nactivation_format: int8\nweight_format: int8\nops:\n  - {name: x, m: 16, n: 512, k: 512}\n");
        string w4 = Write(dir, "w4.yaml", "kind: gemm\nactivation_format: int8\nweight_format: int4-g128\nops:\n  - {name: x, m: 16, n: 512, k: 512}\n");
        (int exit, string output, string error) = Run(
            "compare", "--arch", Design("int8-systolic.yaml"), Design("mixpe-w4a8.yaml"), "--workload", w8, w4, "--out", dir, "--functional", "full");
        Assert.True(exit == 0, error);
        Assert.Contains("each on its own workload", output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(Path.Combine(dir, "compare.csv"));
        Assert.StartsWith("design,pe_kinds,workload,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("int8-systolic,systolic,w8,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("mixpe-w4a8,shift-add+systolic,w4,", lines[2], StringComparison.Ordinal);

        (exit, output, error) = Run("compare", "--arch", Design("int8-systolic.yaml"), Design("mixpe-w4a8.yaml"), Design("default.yaml"), "--workload", w8, w4, "--out", dir);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("--workload: give one workload for every design, one per design, or one design and several workloads; got 2 workloads for 3 designs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RunsTheDesignsThatCan_AndRefusesTheOthers_InALineEach()
    {
        string dir = TempDirectory();
        string w4 = Write(dir, "w4.yaml", "kind: gemm\nactivation_format: int8\nweight_format: int4-g128\nops:\n  - {name: x, m: 16, n: 512, k: 512}\n  - {name: y, m: 16, n: 512, k: 512}\n");
        (int exit, string output, string error) = Run(
            "compare", "--arch", Design("fp16-dequant-baseline.yaml"), Design("mixpe-w4a8.yaml"), Design("bitserial-bitmod.yaml"), "--workload", w4, "--out", dir, "--functional", "off");
        Assert.True(exit == 0, error);
        string[] refused = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(refused);
        Assert.StartsWith("fp16-dequant-baseline: refused: ", refused[0], StringComparison.Ordinal);
        Assert.Contains("activation format int8 is not one of tc's activation_formats (fp16) (and 1 more)", refused[0], StringComparison.Ordinal);
        Assert.Contains("1 refused", output, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(Path.Combine(dir, "compare.csv"));
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("mixpe-w4a8,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",1,1,0", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("bitserial-bitmod,", lines[2], StringComparison.Ordinal);

        // None that can: exit 1, every refusal named, nothing written.
        string other = TempDirectory();
        (exit, _, error) = Run("compare", "--arch", Design("fp16-dequant-baseline.yaml"), Design("tpu-v1-like.yaml"), "--workload", w4, "--out", other, "--functional", "off");
        Assert.Equal(1, exit);
        Assert.Contains("fp16-dequant-baseline: refused: ", error, StringComparison.Ordinal);
        Assert.Contains("tpu-v1-like: refused: ", error, StringComparison.Ordinal);
        Assert.Contains("none of the 2 ran; nothing was compared", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(other, "compare.csv")));
    }

    [Fact]
    public void Compare_OneDesign_OnSeveralWorkloads_OneRowPerWorkload()
    {
        string dir = TempDirectory();
        string w8 = Write(dir, "w8.yaml", "kind: gemm\nname: w8\nactivation_format: int8\nweight_format: int8\nops:\n  - {name: x, m: 16, n: 512, k: 512}\n");
        string w4 = Write(dir, "w4.yaml", "kind: gemm\nname: w4\nactivation_format: int8\nweight_format: int4\nops:\n  - {name: x, m: 16, n: 512, k: 512}\n");
        (int exit, string output, string error) = Run("compare", "--arch", Design("int8-systolic.yaml"), "--workload", w8, w4, "--out", dir, "--functional", "off");
        Assert.True(exit == 0, error);
        string[] lines = File.ReadAllLines(Path.Combine(dir, "compare.csv"));
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("int8-systolic,systolic,w8,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("int8-systolic,systolic,w4,", lines[2], StringComparison.Ordinal);
        Assert.Contains("940 MHz", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "compare.png")));
    }
}
