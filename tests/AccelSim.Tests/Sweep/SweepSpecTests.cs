using AccelSim.Config.Yaml;
using AccelSim.Sweep;
using AccelSim.Tests.Cli;

namespace AccelSim.Tests.Sweep;

public class SweepSpecTests
{
    private static string Shipped(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>A sweep file over the shipped default design and workload, with <paramref name="body"/> after the file lines.</summary>
    private static string Spec(string body, string name = "sweep.yaml")
    {
        string dir = CliRunner.TempDirectory();
        return CliRunner.Write(dir, name, $"name: test\ndesigns: {Shipped("arch-configs/default.yaml")}\nworkloads: {Shipped("workloads/default.yaml")}\n{body}");
    }

    private static (SweepSpec? Spec, List<string> Errors) Load(string path)
    {
        var diagnostics = new Diagnostics();
        SweepSpec? spec = SweepSpecReader.Load(path, diagnostics);
        return (spec, [.. diagnostics.Errors.Select(e => e.ToString())]);
    }

    [Fact]
    public void Product_VariesTheLastAxisFastest_AndConstraintsOnAxesDropPoints()
    {
        string path = Spec("axes:\n  - {path: 'compute[mxu].rows', values: [32, 64, 128]}\n  - {path: 'compute[mxu].columns', name: cols, range: {from: 32, to: 128, factor: 2}}\n"
            + "constraints: [rows * cols <= 8192]\nobjectives: {tokens_per_s: maximize}\n");
        (SweepSpec? spec, List<string> errors) = Load(path);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Equal(9, SweepExpansion.Size(spec!));
        IReadOnlyList<SweepPoint> points = SweepExpansion.Points(spec!);
        Assert.Equal(["32,32", "32,64", "32,128", "64,32", "64,64", "64,128", "128,32", "128,64"],
            points.Select(p => $"{p.Values[0].Text},{p.Values[1].Text}"));
        Assert.Equal(Enumerable.Range(0, 8), points.Select(p => p.Index));
    }

    [Fact]
    public void Zip_TakesTheIthValuesTogether_AndSampleIsSeededAndDistinct()
    {
        (SweepSpec? zip, List<string> errors) = Load(Spec("combine: zip\naxes:\n  - {path: 'compute[mxu].rows', values: [32, 64]}\n  - {path: 'compute[mxu].columns', values: [64, 32]}\nobjectives: {area_mm2: min}\n"));
        Assert.Empty(errors);
        Assert.Equal(["32,64", "64,32"], SweepExpansion.Points(zip!).Select(p => $"{p.Values[0].Text},{p.Values[1].Text}"));

        string body = "combine: sample\nsamples: 10\nseed: 7\naxes:\n  - {path: 'compute[mxu].rows', range: {from: 8, to: 256, step: 8}}\n"
            + "  - {path: 'compute[mxu].columns', range: {from: 8, to: 256, step: 8}}\nobjectives: {area_mm2: min}\n";
        (SweepSpec? a, _) = Load(Spec(body));
        (SweepSpec? b, _) = Load(Spec(body));
        string[] first = [.. SweepExpansion.Points(a!).Select(p => p.Key(a!))];
        Assert.Equal(10, first.Length);
        Assert.Equal(10, first.Distinct().Count());
        Assert.Equal(first, SweepExpansion.Points(b!).Select(p => p.Key(b!)));
        (SweepSpec? c, _) = Load(Spec(body.Replace("seed: 7", "seed: 8", StringComparison.Ordinal)));
        Assert.NotEqual(first, SweepExpansion.Points(c!).Select(p => p.Key(c!)));
    }

    [Fact]
    public void BadSpec_ReportsEveryErrorAtItsLine()
    {
        string path = Spec(
            "combine: zip\n"                                                    // line 4
            + "axes:\n"                                                         // 5
            + "  - path: compute[mxu].rows\n"                                   // 6
            + "    values: [64, 0]\n"                                           // 7
            + "  - path: compute[mxq].columns\n"                                // 8
            + "    values: [64]\n"                                              // 9
            + "constraints:\n"                                                  // 10
            + "  - rows * colums <= 100\n"                                      // 11
            + "  - area_mm2 <=\n"                                               // 12
            + "objectives:\n"                                                   // 13
            + "  tokens_per_sec: maximize\n"                                    // 14
            + "  sqnr_db: up\n");                                               // 15
        (SweepSpec? spec, List<string> errors) = Load(path);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.StartsWith($"{path}:11:5: constraints: 'rows * colums <= 100': 'colums' is neither an axis nor a metric; did you mean 'columns'?", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{path}:12:5: constraints: the expression ends too early", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{path}:14:3: objectives.tokens_per_sec: not a metric; did you mean 'tokens_per_s'?", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{path}:15:12: objectives.sqnr_db: expected minimize or maximize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{path}:5:1: axes: combine: zip takes the i-th value of every axis together", StringComparison.Ordinal) || e.Contains("combine: zip", StringComparison.Ordinal));
        Assert.True(errors.Count >= 5, string.Join("\n", errors));
    }

    [Fact]
    public void AxisValueThatCannotWork_IsReportedAtItsLineInTheSweepFile()
    {
        string path = Spec("axes:\n  - path: compute[mxu].rows\n    values: [64, 0]\n  - path: compute[mxq].columns\n    values: [64]\nobjectives: {area_mm2: min}\n");
        (SweepSpec? spec, List<string> errors) = Load(path);
        Assert.True(spec is null, "loaded");
        Assert.True(errors.Contains($"{path}:6:18: compute[mxu].rows: 0 is out of range: must be from 1 to 4096 (axis rows = 0)"), string.Join("\n", errors));
        Assert.Contains($"{path}:6:18: compute[mxu].rows: 0 is out of range: must be from 1 to 4096 (axis rows = 0)", errors);
        Assert.Contains(errors, e => e.StartsWith($"{path}:8:14: compute[mxq]: no item named 'mxq'; the names are mxu", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingFiles_AndSqnrWithoutFunctionalRuns_AreErrors()
    {
        string dir = CliRunner.TempDirectory();
        string path = CliRunner.Write(dir, "s.yaml", "designs: [nope.yaml]\nworkloads: []\nobjectives: {sqnr_db: max}\nbogus: 1\n");
        (SweepSpec? spec, List<string> errors) = Load(path);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.StartsWith($"{path}:1:11: designs: no such file: 'nope.yaml'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{path}:2:12: workloads: the list is empty", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{path}:3:14: objectives.sqnr_db: SQNR is measured by functional execution", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{path}:4:1: bogus: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void SharedAndPerDesignSettings_ReachEveryPoint_AndTheirErrorsTheirLines()
    {
        string dir = CliRunner.TempDirectory();
        string path = CliRunner.Write(dir, "s.yaml", $"""
            designs:
              - {Shipped("arch-configs/default.yaml")}
              - file: {Shipped("arch-configs/default.yaml")}
                set: {"{"}workload.formats.activations: fp16{"}"}
            workloads: {Shipped("workloads/default.yaml")}
            set:
              compute[mxu].rows: 32
            axes:
              - path: compute[mxu].columns
                values: [32]
            objectives: {"{"}energy_uj: min{"}"}
            """);
        (SweepSpec? spec, List<string> errors) = Load(path);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        IReadOnlyList<SweepPoint> points = SweepExpansion.Points(spec!);
        PointResult plain = PointEvaluator.Evaluate(spec!, points[0]), fp16 = PointEvaluator.Evaluate(spec!, points[1]);
        Assert.True(plain.Status == PointResult.Ok, plain.Error);
        // The second design entry runs FP16 activations, which the INT8 array refuses: the setting was applied.
        Assert.Equal(PointResult.Failed, fp16.Status);
        Assert.Contains("activation format fp16 is not one of mxu's activation_formats", fp16.Error, StringComparison.Ordinal);

        string bad = CliRunner.Write(dir, "bad.yaml", File.ReadAllText(path).Replace("compute[mxu].rows: 32", "compute[mxu].rows: 0", StringComparison.Ordinal));
        (spec, errors) = Load(bad);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.StartsWith($"{bad}:7:22: compute[mxu].rows: 0 is out of range", StringComparison.Ordinal));

        // A design entry's own setting is checked on that design alone: the LUT design has a unit 'lut', this one not.
        string own = CliRunner.Write(dir, "own.yaml", $"""
            designs:
              - {Shipped("arch-configs/lut-tensor-core.yaml")}
              - file: {Shipped("arch-configs/default.yaml")}
                set:
                  compute[lut].units: 16
            workloads: {Shipped("workloads/default.yaml")}
            objectives: {"{"}energy_uj: min{"}"}
            """);
        (spec, errors) = Load(own);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.StartsWith($"{own}:5:27: compute[lut]: no item named 'lut'", StringComparison.Ordinal));
    }

    [Fact]
    public void KindAxis_TurnsTheUnitIntoEachKind_WithSettingsThatOnlyWorkInCombination()
    {
        // units is a LUT core's key and int4-g128 a format the base systolic array refuses: neither works on the base
        // file alone, both work beside one of the kind axis's values, so the spec is accepted and the points decide.
        string path = CliRunner.Write(CliRunner.TempDirectory(), "kinds.yaml", $"""
            designs: {Shipped("arch-configs/default.yaml")}
            workloads: {Shipped("workloads/gemm/llama2-7b-linear-m64-w4a8.yaml")}
            set:
              compute[mxu].weight_formats: [int4-g128]
              compute[mxu].units: 16
            axes:
              - path: compute[mxu].kind
                values: [systolic, bit-serial, shift-add, lut-core]
            objectives: {"{"}latency_us: min{"}"}
            """);
        (SweepSpec? spec, List<string> errors) = Load(path);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        PointResult[] results = [.. SweepExpansion.Points(spec!).Select(p => PointEvaluator.Evaluate(spec!, p))];
        Assert.Equal(PointResult.Failed, results[0].Status);
        Assert.StartsWith($"{path}:4:32: compute[mxu].weight_formats: systolic cannot use int4-g128", results[0].Error, StringComparison.Ordinal);
        // The failed point still names its design and kind as the file and its settings give them, like the rest.
        Assert.Equal(["systolic", "bit-serial", "shift-add", "lut-core"], results.Select(r => r.PeKind));
        Assert.All(results, r => Assert.Equal("tpu-like-int8", r.Design));
        Assert.All(results[1..], r => Assert.True(r.Status == PointResult.Ok, r.Error));

        // A setting no axis value rescues is still the spec's error, at its line.
        string bad = CliRunner.Write(CliRunner.TempDirectory(), "bad.yaml", File.ReadAllText(path).Replace("units: 16", "unitz: 16", StringComparison.Ordinal));
        (spec, errors) = Load(bad);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.StartsWith($"{bad}:5:23: compute[mxu].unitz: unknown key", StringComparison.Ordinal));
    }
}
