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
