using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Workloads;

namespace AccelSim.Tests.Workloads;

public class MoeShapeTests
{
    private static ModelShape Load(string name)
    {
        string file = Path.Combine(AppContext.BaseDirectory, "workloads", "moe", "models", $"{name}.yaml");
        var diagnostics = new Diagnostics();
        ModelShape? shape = ModelShapeLoader.Load(file, diagnostics, default);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        return shape!;
    }

    [Theory]
    [InlineData("mixtral-8x7b", 32, 8, 2, 14336, 0, 0)]
    [InlineData("phi-3.5-moe", 32, 16, 2, 6400, 0, 0)]
    [InlineData("deepseek-moe-16b", 28, 64, 6, 1408, 2, 1)]
    [InlineData("qwen1.5-moe-a2.7b", 24, 60, 4, 1408, 1, 0)]
    public void ShippedMoeShapes_Load(string name, int layers, int experts, int topK, int expertFfn, int shared, int dense)
    {
        ModelShape shape = Load(name);
        MoeShape moe = Assert.IsType<MoeShape>(shape.Moe);
        Assert.Equal((layers, experts, topK, expertFfn, shared, dense),
            (shape.Layers, moe.Experts, moe.TopK, moe.ExpertFfnHidden, moe.SharedExperts, moe.DenseLayers));
        Assert.Equal(dense == 0, moe.IsMoeLayer(0));
        Assert.True(moe.IsMoeLayer(shape.Layers - 1));
    }

    [Fact]
    public void Mixtral_ExpertSizeAndShare_MatchThePublishedFigures()
    {
        // HOBBIT (arXiv 2411.01433) via costs.md §2.9 and §4: an expert is 176.2 M parameters (352 MB in FP16), and
        // experts are 96 % of Mixtral-8x7B's weights.
        ModelShape m = Load("mixtral-8x7b");
        MoeShape moe = m.Moe!;
        Assert.Equal(176.2e6, moe.ExpertParameters(m.Hidden), 0.05e6);
        long attention = ((long)m.Hidden * m.Heads * m.HeadDim * 2) + ((long)m.Hidden * m.KvHeads * m.HeadDim * 2);
        long experts = (long)m.Layers * moe.Experts * moe.ExpertParameters(m.Hidden);
        double share = experts / (double)(experts + (m.Layers * attention) + (2L * 32000 * m.Hidden));
        Assert.InRange(share, 0.955, 0.97);
    }

    [Fact]
    public void BadMoeSections_AreReportedWithTheirKeys()
    {
        string dir = Cli.CliRunner.TempDirectory();
        string file = Cli.CliRunner.Write(dir, "m.yaml", """
            name: bad
            layers: 2
            hidden: 64
            ffn_hidden: 128
            heads: 4
            kv_heads: 4
            head_dim: 16
            ffn: gated
            activation: silu
            norm: rmsnorm
            positional: rope
            moe:
              experts: 4
              top_k: 6
              expert_ffn_hidden: 32
              shared_experts: 1
              dense_layers: 1
              capacity_factor: 1.25
            """);
        var diagnostics = new Diagnostics();
        Assert.Null(ModelShapeLoader.Load(file, diagnostics, default));
        string[] errors = [.. diagnostics.Errors.Select(e => e.ToString().Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))];
        Assert.Equal(3, errors.Length);
        Assert.Equal("m.yaml:13:3: moe.shared_ffn_hidden: 1 shared experts need their intermediate width", errors[0]);
        Assert.Equal("m.yaml:14:10: moe.top_k: the router cannot pick 6 of 4 experts", errors[1]);
        Assert.StartsWith("m.yaml:18:3: moe.capacity_factor: unknown key", errors[2], StringComparison.Ordinal);
    }
}
