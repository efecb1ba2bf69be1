using AccelSim.Cli;

namespace AccelSim.Tests.Cli;

public class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = AccelSimCommand.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Formats_ListsElementAndTensorFormats()
    {
        (int exit, string output, _) = Run("formats");
        Assert.Equal(0, exit);
        Assert.Matches(@"fp8-e4m3\s+8\s+-448\s+448\s+0\.001953125\s+0\.015625\s+yes\s+no", output);
        Assert.Matches(@"mxfp4\s+fp4-e2m1\s+4\.25\s", output);
        Assert.Matches(@"nvfp4\s+fp4-e2m1\s+4\.5\s", output);
    }

    [Fact]
    public void Quantize_PrintsErrorWithUnits_Deterministically()
    {
        (int exit, string output, string error) = Run("quantize", "--format", "mxfp4", "--dist", "laplace", "--size", "8x256", "--seed", "3");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Matches(@"sqnr\s+\d+\.\d\d dB", output);
        Assert.Contains("4.25 bits/element", output);
        Assert.Equal(output, Run("quantize", "--format", "mxfp4", "--dist", "laplace", "--size", "8x256", "--seed", "3").Out);
    }

    [Fact]
    public void Quantize_BadInputs_AllReportedAtOnce_Exit1_NoStackTrace()
    {
        (int exit, string output, string error) = Run("quantize", "--format", "mxfp5", "--dist", "gausian", "--size", "0", "--rounding", "up");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("--format: unknown format 'mxfp5' (did you mean 'mxfp4'?)", error);
        Assert.Contains("--dist: unknown distribution 'gausian' (did you mean 'gaussian'?)", error);
        Assert.Contains("--size: '0' is not a size", error);
        Assert.Contains("--rounding: unknown rounding 'up'", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("compare", "--arch", "arch-configs/default.yaml", "arch-configs/int8-systolic.yaml")]
    public void UnknownFunctionalMode_IsNamedWithTheChoices_AndNothingRuns(params string[] command)
    {
        (int exit, string output, string error) = Run([.. command, "--functional", "fast"]);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("--functional: 'fast' is not one of full, sample, off", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quantize", "--format", "int8", "--seed", "abc")]
    [InlineData("quantize")]
    [InlineData("frobnicate")]
    public void ParseErrors_Exit1_NoStackTrace(params string[] args)
    {
        (int exit, _, string error) = Run(args);
        Assert.Equal(1, exit);
        Assert.NotEmpty(error);
        Assert.DoesNotContain("Exception", error);
    }

    [Fact]
    public void Version_PrintsSemanticVersion()
    {
        (int exit, string output, _) = Run("--version");
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+\s*$", output);
    }
}
