using AccelSim.Config.Yaml;
using AccelSim.Workloads;
using AccelSim.Workloads.Moe;

namespace AccelSim.Tests.Workloads;

public class RoutingTraceTests
{
    private static readonly MoeShape Eight = new(8, 2, 64, 0, 0, 0, true);

    private static RoutingTrace Generate(RoutingSkew skew, int tokens = 20_000, int layers = 2, int seed = 7, MoeShape? moe = null) =>
        RoutingGenerator.Generate(layers, moe ?? Eight, tokens, skew, seed);

    [Fact]
    public void Generator_SameSeedSameTrace_OtherSeedOtherTrace()
    {
        RoutingTrace a = Generate(RoutingSkew.Default, 200), b = Generate(RoutingSkew.Default, 200), c = Generate(RoutingSkew.Default, 200, seed: 8);
        string Text(RoutingTrace t) => string.Join(";", Enumerable.Range(0, t.Tokens).SelectMany(i => Enumerable.Range(0, t.Layers).SelectMany(l => t.Choices(i, l))));
        Assert.Equal(Text(a), Text(b));
        Assert.NotEqual(Text(a), Text(c));
    }

    [Fact]
    public void Generator_ChoicesAreDistinct_SortedByGate_AndSumToOne_AndDenseLayersRouteNothing()
    {
        var moe = new MoeShape(16, 4, 64, 1, 64, 1, true);
        RoutingTrace trace = Generate(new RoutingSkew(1.5, 0.6, 0.3, 1.0), 2_000, layers: 3, moe: moe);
        for (int t = 0; t < trace.Tokens; t++)
        {
            Assert.Empty(trace.Choices(t, 0));
            for (int l = 1; l < 3; l++)
            {
                IReadOnlyList<ExpertChoice> c = trace.Choices(t, l);
                Assert.Equal(4, c.Select(x => x.Expert).Distinct().Count());
                Assert.Equal(1.0, c.Sum(x => x.GateWeight), 1e-12);
                Assert.True(c.Zip(c.Skip(1)).All(p => p.First.GateWeight >= p.Second.GateWeight));
            }
        }
    }

    [Fact]
    public void Generator_TopSlotFollowsZipf()
    {
        // Without locality or correlation slot 0 is a plain draw: the most popular expert of a layer comes up with
        // probability 1 / H(8, s), H the generalized harmonic number.
        const double s = 1.2;
        RoutingTrace trace = Generate(new RoutingSkew(s, 0, 0, 2), layers: 1);
        double harmonic = Enumerable.Range(1, 8).Sum(r => 1 / Math.Pow(r, s));
        double top = Enumerable.Range(0, trace.Tokens).GroupBy(t => trace.Choices(t, 0)[0].Expert).Max(g => g.Count()) / (double)trace.Tokens;
        Assert.Equal(1 / harmonic, top, 0.015);
    }

    [Fact]
    public void Generator_TemporalLocality_RepeatsTheSlotAsOftenAsAsked()
    {
        // Slot 0 repeats when it is kept (probability L) or redrawn onto the same expert: L + (1 − L)·Σ p².
        const double locality = 0.5;
        RoutingTrace trace = Generate(new RoutingSkew(1.0, locality, 0, 2), layers: 1);
        double[] p = [.. Enumerable.Range(1, 8).Select(r => 1.0 / r)];
        double sum = p.Sum();
        double expected = locality + ((1 - locality) * p.Sum(x => x / sum * (x / sum)));
        double repeats = Enumerable.Range(1, trace.Tokens - 1).Count(t => trace.Choices(t, 0)[0].Expert == trace.Choices(t - 1, 0)[0].Expert) / (double)(trace.Tokens - 1);
        Assert.Equal(expected, repeats, 0.015);
    }

    [Fact]
    public void Generator_LayerCorrelation_MakesTheNextLayersExpertPredictable()
    {
        // With correlation C, layer 1's slot-0 expert is the fixed successor of layer 0's with probability at least C;
        // the best a predictor can do from layer 0 alone is the most frequent successor of each expert.
        double Predictable(double correlation)
        {
            RoutingTrace trace = Generate(new RoutingSkew(0, 0, correlation, 2));
            int hits = Enumerable.Range(0, trace.Tokens)
                .GroupBy(t => trace.Choices(t, 0)[0].Expert)
                .Sum(g => g.GroupBy(t => trace.Choices(t, 1)[0].Expert).Max(h => h.Count()));
            return hits / (double)trace.Tokens;
        }

        Assert.Equal(0.7 + (0.3 / 8), Predictable(0.7), 0.02);
        Assert.InRange(Predictable(0), 0.1, 0.16); // uniform over 8: the best guess is right about 1/8 of the time
    }

    [Fact]
    public void Generator_DefaultGates_SplitHobbitsThresholdsAsMixtralDoes()
    {
        // Top-2 gates from Dirichlet(2, 2): the larger weight w is max(x, 1 − x) for x ~ Beta(2, 2), whose CDF is
        // 3x² − 2x³. P(w ≤ 0.6) = F(0.6) − F(0.4) = 0.296 and P(w > 0.9) = 2·F(0.1) = 0.056.
        RoutingTrace trace = Generate(RoutingSkew.Default, layers: 1);
        double[] top = [.. Enumerable.Range(0, trace.Tokens).Select(t => trace.Choices(t, 0)[0].GateWeight)];
        Assert.Equal(0.296, top.Count(w => w <= 0.6) / (double)top.Length, 0.012);
        Assert.Equal(0.056, top.Count(w => w > 0.9) / (double)top.Length, 0.006);
    }

    [Fact]
    public void Csv_IsLoadedAsIs_ChoicesSortedByGate()
    {
        string dir = Cli.CliRunner.TempDirectory();
        string file = Cli.CliRunner.Write(dir, "r.csv", "token,layer,expert,gate_weight\n0,0,3,0.25\n0,0,5,0.75\n0,1,1,1\n1,0,2,0.5\n1,0,7,0.5\n1,1,0,0.9\n");
        var diagnostics = new Diagnostics();
        RoutingTrace? trace = RoutingTraceCsv.Load(file, 2, Eight, diagnostics, default);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        Assert.Equal(2, trace!.Tokens);
        Assert.Equal([new ExpertChoice(5, 0.75), new ExpertChoice(3, 0.25)], trace.Choices(0, 0));
        Assert.Equal([new ExpertChoice(1, 1.0)], trace.Choices(0, 1));
        Assert.Equal([new ExpertChoice(2, 0.5), new ExpertChoice(7, 0.5)], trace.Choices(1, 0));
    }

    [Fact]
    public void Csv_BadRowsAreReportedByLineAndColumn_AllAtOnce()
    {
        string dir = Cli.CliRunner.TempDirectory();
        string file = Cli.CliRunner.Write(dir, "r.csv",
            "token,layer,expert,gate_weight\n0,0,3,0.5\n0,0,3,0.5\n0,0,4,0.2\n0,0,5,0.2\n0,2,1,0.5\n0,1,9,0.5\nx,1,1,0.5\n0,1,1,1.5\n0,0,6,\n");
        var diagnostics = new Diagnostics();
        Assert.Null(RoutingTraceCsv.Load(file, 2, Eight, diagnostics, default));
        string[] errors = [.. diagnostics.Errors.Select(e => e.ToString().Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))];
        Assert.Equal(
            [
                "r.csv:3:5: expert: token 0 visits expert 3 at layer 0 twice (first at line 2)",
                "r.csv:5:5: expert: token 0 already has the router's 2 experts at layer 0 (from line 2)",
                "r.csv:6:3: layer: 2 is out of range: must be from 0 to 1",
                "r.csv:7:5: expert: 9 is out of range: must be from 0 to 7",
                "r.csv:8:1: token: expected a whole number, found 'x'",
                "r.csv:9:7: gate_weight: '1.5' is not a gate weight in (0, 1]",
                "r.csv:10:7: gate_weight: missing value",
            ],
            errors);
    }

    [Fact]
    public void Csv_MissingTokensOrLayersAndDenseLayers_AreReported()
    {
        string dir = Cli.CliRunner.TempDirectory();
        var dense = new MoeShape(8, 2, 64, 0, 0, 1, true);
        string gap = Cli.CliRunner.Write(dir, "gap.csv", "token,layer,expert,gate_weight\n0,1,1,1\n2,1,1,1\n");
        string denseRow = Cli.CliRunner.Write(dir, "dense.csv", "token,layer,expert,gate_weight\n0,0,1,1\n0,1,1,1\n");
        var diagnostics = new Diagnostics();
        Assert.Null(RoutingTraceCsv.Load(gap, 2, dense, diagnostics, default));
        Assert.Null(RoutingTraceCsv.Load(denseRow, 2, dense, diagnostics, default));
        string[] errors = [.. diagnostics.Errors.Select(e => e.ToString().Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))];
        Assert.Equal(
            [
                "dense.csv:2:3: layer: layer 0 is dense (the model's first 1 layers route no experts)",
                "gap.csv:1:1: token: token 1 has no experts at layer 1; every token from 0 to 2 needs rows for layers 1 to 1",
            ],
            errors);
    }
}
