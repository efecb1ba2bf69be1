using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Cli;

public class TechCommandTests
{
    [Fact]
    public void Tech_ShowsTheCitedFiguresOfANode()
    {
        (int exit, string output, string error) = Run("tech", "45 nm");
        Assert.True(exit == 0, error);
        string mac = Assert.Single(output.Split('\n'), l => l.Contains("INT8 MAC (INT32 accumulate)", StringComparison.Ordinal));
        Assert.EndsWith("0.3", mac.TrimEnd(), StringComparison.Ordinal);
        string sram = Assert.Single(output.Split('\n'), l => l.Contains("SRAM 32 KiB, 64-bit read", StringComparison.Ordinal));
        Assert.EndsWith("20", sram.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tech_UnknownNodeOrFile_IsAnInputError()
    {
        (int exit, string output, string error) = Run("tech", "22 nm", "missing-table.yaml");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("tech 22 nm: technology: no built-in technology table for 22 nm", error, StringComparison.Ordinal);
        Assert.Contains("missing-table.yaml' does not exist", error, StringComparison.Ordinal);
        Assert.Contains("2 errors", error, StringComparison.Ordinal);
    }
}
