using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Cli;

/// <summary>The mistakes of a first hour, each read as one line: wrong file for an option, directories, typos, files that are only included, bad command lines.</summary>
public class FirstMistakeTests
{
    private static string Shipped(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void AWorkloadGivenToArch_AndADesignToWorkload_SayWhichOptionWasMeant()
    {
        (int exit, string output, string error) = Run("run", "--arch", Shipped("workloads/default.yaml"), "--workload", Shipped("arch-configs/default.yaml"), "--out", TempDirectory());
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal(
            [
                $"--arch: '{Shipped("workloads/default.yaml")}' looks like a workload, not a design; did you mean --workload?",
                $"--workload: '{Shipped("arch-configs/default.yaml")}' looks like a design, not a workload; did you mean --arch?",
                "2 errors; nothing was run",
            ],
            Lines(error));
    }

    [Fact]
    public void Validate_ADirectory_AMisspeltFile_AndIncludedFiles_OneLineEach()
    {
        string dir = TempDirectory();
        string typo = Path.Combine(Shipped("arch-configs"), "defualt.yaml");
        (int exit, _, string error) = Run("validate", dir, typo, Shipped("arch-configs/presets/hbm2e.yaml"), Shipped("workloads/llm/models/llama2-7b.yaml"));
        Assert.Equal(1, exit);
        string[] lines = Lines(error);
        Assert.Equal(5, lines.Length);
        Assert.Contains(lines, l => l.EndsWith($"'{dir}' is a directory; give a file", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith($"no such file '{typo}'; did you mean '{Path.Combine(Shipped("arch-configs"), "default.yaml")}'?", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("is a memory preset, which a design includes (memory: {preset: presets/hbm2e.yaml})", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("is a model shape, which a workload names (model: models/llama2-7b.yaml)", StringComparison.Ordinal));
        Assert.Equal("4 errors; nothing was run", lines[^1]);
    }

    [Fact]
    public void Validate_EachFileOnItsOwn_AFailingFileDoesNotHideTheNext()
    {
        string dir = TempDirectory();
        string broken = Write(dir, "broken.yaml", "name: x\nclock: 1 GHz\ncompute: []\n");
        (int exit, string output, _) = Run("validate", broken, Shipped("arch-configs/default.yaml"), Shipped("workloads/default.yaml"));
        Assert.Equal(1, exit);
        Assert.Contains($"ok: {Shipped("arch-configs/default.yaml")}", output, StringComparison.Ordinal);
        Assert.Contains($"ok: {Shipped("workloads/default.yaml")}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("broken.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_APair_AsRunWould_WithSet()
    {
        string design = Shipped("arch-configs/fp16-dequant-baseline.yaml"), workload = Shipped("workloads/default.yaml");
        (int exit, _, string error) = Run("validate", "--arch", design, "--workload", workload);
        Assert.Equal(1, exit);
        Assert.Contains("no compute unit of fp16-dequant-baseline can run int8 × int8", error, StringComparison.Ordinal);
        (exit, string output, error) = Run("validate", "--arch", design, "--workload", workload,
            "--set", "workload.formats.activations=fp16", "--set", "workload.formats.weights=fp16");
        Assert.True(exit == 0, error);
        Assert.Contains("ok: design 'fp16-dequant-baseline'", output, StringComparison.Ordinal);
        Assert.Contains("runs workload", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "run", "--functinal", "off" }, "--functinal: unknown option of 'run'; did you mean --functional?")]
    [InlineData(new[] { "run", "--seed", "abc" }, "--seed: 'abc' is not a whole number")]
    [InlineData(new[] { "run", "--arch" }, "--arch: needs a value")]
    [InlineData(new[] { "runn" }, "'runn' is not a command; did you mean 'run'?")]
    public void CommandLineMistakes_ReadAsOneLine_WithoutTypeNamesOrHelp(string[] args, string line)
    {
        (int exit, string output, string error) = Run(args);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        string[] lines = Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.Equal(line, lines[0]);
        Assert.EndsWith("--help' lists the options", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }
}

/// <summary>A design or workload copied out of the repository still finds the presets and model shapes it names.</summary>
public class CopiedOutTests
{
    [Fact]
    public void ACopiedDesignAndWorkload_FindTheirPresetsAndModel_AmongTheBundledFiles_AndRunAsTheOriginals()
    {
        string dir = TempDirectory();
        string design = Path.Combine(dir, "mine.yaml"), workload = Path.Combine(dir, "work.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "arch-configs", "default.yaml"), design);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "workloads", "llm", "llama2-7b-decode-w4a8.yaml"), workload);
        string[] set = ["--set", "workload.formats.weights=int4", "--set", "workload.layers=1", "--functional", "off"];
        (int exit, _, string error) = Run(["run", "--arch", design, "--workload", workload, "--out", Path.Combine(dir, "copy"), .. set]);
        Assert.True(exit == 0, error);
        (exit, _, error) = Run(["run", "--arch", Path.Combine(AppContext.BaseDirectory, "arch-configs", "default.yaml"),
            "--workload", Path.Combine(AppContext.BaseDirectory, "workloads", "llm", "llama2-7b-decode-w4a8.yaml"), "--out", Path.Combine(dir, "original"), .. set]);
        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "original", "ops.csv")), File.ReadAllText(Path.Combine(dir, "copy", "ops.csv")));

        // A file beside the copy wins over the bundled one; one that is nowhere names both places.
        File.WriteAllText(design, File.ReadAllText(design).Replace("presets/hbm2e.yaml", "presets/hbm9.yaml", StringComparison.Ordinal));
        (exit, _, error) = Run("validate", design);
        Assert.Equal(1, exit);
        Assert.Contains($"no such file 'presets/hbm9.yaml': not at '{Path.Combine(dir, "presets", "hbm9.yaml")}' next to '{design}', nor among the bundled files in", error, StringComparison.Ordinal);
    }
}
