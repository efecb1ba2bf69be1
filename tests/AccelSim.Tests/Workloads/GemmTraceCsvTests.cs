using AccelSim.Config.Yaml;
using AccelSim.Workloads;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Workloads;

public class GemmTraceCsvTests
{
    [Fact]
    public void ScaleSimTopology_IsReadAsInt8_AndSaysSo()
    {
        string file = Write(TempDirectory(), "t.csv", "Layer, M, N, K,\nfc1, 100, 37, 250,\nfc2, 1, 2, 3,\n");
        Workload workload = GemmTraceCsv.Load(file, new Diagnostics())!;
        GemmOp first = Assert.IsType<GemmOp>(workload.Operations[0]);
        Assert.Equal(("fc1", 100, 37, 250, "int8", "int8"), (first.Name, first.M, first.N, first.K, first.Activation.Name, first.Weight.Name));
        Assert.Equal(2, workload.Operations.Count);
        Assert.Contains("INT8", Assert.Single(workload.Notes), StringComparison.Ordinal);
    }

    private const string ConvHeader = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n";

    [Fact]
    public void ScaleSimConvTopology_IsLoweredToIm2colGemms_AsScaleSimLowersThem()
    {
        // By hand, with SCALE-Sim's output size ⌈(H − F + S) / S⌉: AlexNet conv1 224×224, 11×11, stride 4 → ⌈217 / 4⌉ = 55, 55×55
        // pixels, K = 11·11·3; a 3×5 input with a 3×3 filter and strides 1 and 2 → 1×2; a "DP" layer is depthwise:
        // one single-channel GEMM per channel.
        string file = Write(TempDirectory(), "conv.csv", ConvHeader
            + "Conv1, 224, 224, 11, 11, 3, 96, 4,\nOdd, 3, 5, 3, 3, 2, 7, 1, 2,\nDP_conv, 14, 14, 3, 3, 32, 1, 1,\n");
        Workload workload = GemmTraceCsv.Load(file, new Diagnostics())!;
        GemmOp[] ops = [.. workload.Operations.Cast<GemmOp>()];
        Assert.Equal((55 * 55, 96, 11 * 11 * 3, 1), (ops[0].M, ops[0].N, ops[0].K, ops[0].Repeat));
        Assert.Equal((1 * 2, 7, 3 * 3 * 2, 1), (ops[1].M, ops[1].N, ops[1].K, ops[1].Repeat));
        Assert.Equal((12 * 12, 1, 3 * 3, 32), (ops[2].M, ops[2].N, ops[2].K, ops[2].Repeat));
        Assert.All(ops, op => Assert.Equal(("int8", "int8"), (op.Activation.Name, op.Weight.Name)));
        Assert.Contains("im2col", Assert.Single(workload.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void ScaleSimConvTopology_BadCells_AreNamedAtTheirLineAndColumn_AllAtOnce()
    {
        string file = Write(TempDirectory(), "conv.csv", ConvHeader + "Big, 2, 2, 3, 1, 1, 1, 1,\nZero, 4, 4, 1, 1, 0, 1, 1,\n");
        var diagnostics = new Diagnostics();
        Assert.Null(GemmTraceCsv.Load(file, diagnostics));
        Assert.Equal(2, diagnostics.Errors.Count);
        Assert.Contains(diagnostics.Errors, e => e.ToString().Contains("conv.csv:2:", StringComparison.Ordinal) && e.ToString().Contains("Big.filter height", StringComparison.Ordinal)
            && e.ToString().Contains("larger than the input", StringComparison.Ordinal));
        Assert.Contains(diagnostics.Errors, e => e.ToString().Contains("conv.csv:3:", StringComparison.Ordinal) && e.ToString().Contains("Zero.channels", StringComparison.Ordinal));
    }

    [Fact]
    public void AccelSimColumns_GroupSizeRepeatAndDependencies()
    {
        string file = Write(TempDirectory(), "t.csv", "name,m,n,k,activation_format,weight_format,group_size,repeat,depends_on\na,1,2,256,fp16,int4,128,3,\nb,1,2,3,,,,,a;\n");
        Workload workload = GemmTraceCsv.Load(file, new Diagnostics())!;
        var a = (GemmOp)workload.Operations[0];
        var b = (GemmOp)workload.Operations[1];
        Assert.Equal(("fp16", "int4-g128", 3), (a.Activation.Name, a.Weight.Name, a.Repeat));
        Assert.Equal(["a"], b.DependsOn);
        Assert.Empty(workload.Notes);
    }
}
