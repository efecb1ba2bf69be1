using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Numerics;
using AccelSim.Workloads;

namespace AccelSim.Tests.Workloads;

public class TransformerGeneratorTests
{
    private static readonly NumericFormat Int8 = NumericFormats.Parse("int8");

    private static ModelShape Llama2_70B => new("llama2-70b", 80, 8192, 28672, 64, 8, 128, true, VectorOpKind.Silu, VectorOpKind.RmsNorm, true);

    private static Dictionary<string, GemmOp> Layer0(ModelShape model, Phase phase, int batch, int sequence) =>
        TransformerGenerator.Expand(new TransformerSpec(model, phase, batch, sequence, 1, Int8, Int8, Int8, default))
            .OfType<GemmOp>().ToDictionary(o => o.Name["layer0.".Length..]);

    [Fact]
    public void Decode_Llama2_70B_HasGqaAttentionAndGatedFfn()
    {
        Dictionary<string, GemmOp> ops = Layer0(Llama2_70B, Phase.Decode, batch: 4, sequence: 2048);
        Assert.Equal((4, 8192, 8192), (ops["q_proj"].M, ops["q_proj"].N, ops["q_proj"].K));
        Assert.Equal((4, 1024, 8192), (ops["k_proj"].M, ops["k_proj"].N, ops["k_proj"].K));
        // 8 query heads share each KV head: stacked into M; one GEMM per sequence and KV head.
        Assert.Equal((8, 2049, 128, 32), (ops["attention_scores"].M, ops["attention_scores"].N, ops["attention_scores"].K, ops["attention_scores"].Repeat));
        Assert.Equal((8, 128, 2049, 32), (ops["attention_values"].M, ops["attention_values"].N, ops["attention_values"].K, ops["attention_values"].Repeat));
        Assert.Equal((4, 28672, 8192), (ops["ffn_gate"].M, ops["ffn_gate"].N, ops["ffn_gate"].K));
        Assert.Equal((4, 8192, 28672), (ops["ffn_down"].M, ops["ffn_down"].N, ops["ffn_down"].K));
    }

    [Fact]
    public void Prefill_WeightsPerLayer_MatchTheModel()
    {
        var model = new ModelShape("llama2-7b", 32, 4096, 11008, 32, 32, 128, true, VectorOpKind.Silu, VectorOpKind.RmsNorm, true);
        Dictionary<string, GemmOp> ops = Layer0(model, Phase.Prefill, batch: 1, sequence: 2048);
        long weights = ops.Values.Where(o => !o.Name.Contains("attention_", StringComparison.Ordinal)).Sum(o => (long)o.N * o.K);
        Assert.Equal((4L * 4096 * 4096) + (3L * 4096 * 11008), weights); // 202.4 M (../shared/reference/costs.md §4)
        Assert.Equal((2048, 2048, 128, 32), (ops["attention_scores"].M, ops["attention_scores"].N, ops["attention_scores"].K, ops["attention_scores"].Repeat));
    }

    [Fact]
    public void Expansion_IsAValidDag_ChainedAcrossLayers()
    {
        IReadOnlyList<Operation> ops = TransformerGenerator.Expand(new TransformerSpec(Llama2_70B, Phase.Decode, 1, 16, 3, Int8, Int8, Int8, default));
        Assert.Equal(3 * 17, ops.Count);
        OpGraph graph = OpGraph.Build(ops, new Diagnostics())!;
        Assert.Equal(["layer0.ffn_residual"], ops.Single(o => o.Name == "layer1.attention_norm").DependsOn);
        Assert.Equal("layer2.ffn_residual", graph.Order[^1].Name);
    }

    [Theory]
    [InlineData("llama2-7b", 32, 32)]
    [InlineData("llama2-13b", 40, 40)]
    [InlineData("llama2-70b", 80, 8)]
    [InlineData("llama3-8b", 32, 8)]
    [InlineData("opt-6.7b", 32, 32)]
    [InlineData("gpt3-175b", 96, 96)]
    public void ShippedModelShapes_Load(string name, int layers, int kvHeads)
    {
        string file = Path.Combine(AppContext.BaseDirectory, "workloads", "llm", "models", $"{name}.yaml");
        var diagnostics = new Diagnostics();
        ModelShape? shape = ModelShapeLoader.Load(file, diagnostics, default);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        Assert.Equal((name, layers, kvHeads), (shape!.Name, shape.Layers, shape.KvHeads));
    }
}
