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
        // Links and PIM too: the prices behind a MoE offload or a NeuPIMs run.
        string nvme = Assert.Single(output.Split('\n'), l => l.Contains("NVMe SSD read", StringComparison.Ordinal));
        Assert.EndsWith("89", nvme.TrimEnd(), StringComparison.Ordinal);
        string pim = Assert.Single(output.Split('\n'), l => l.Contains("HBM2 PIM bank access", StringComparison.Ordinal));
        Assert.EndsWith("0.39", pim.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tech_UnknownNodeOrFile_IsAnInputError()
    {
        (int exit, string output, string error) = Run("tech", "22 nm", "missing-table.yaml");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("tech 22 nm: technology: no built-in technology table for 22 nm", error, StringComparison.Ordinal);
        Assert.Contains("technology: technology table: no such file 'missing-table.yaml'", error, StringComparison.Ordinal);
        Assert.Contains("2 errors", error, StringComparison.Ordinal);
    }
}
