using System.Diagnostics;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Cli;

public class SweepCommandTests
{
    private static string Shipped(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>
    /// Array shapes × dataflow on the default design and a small GEMM workload: 18 points, one of which (2048×2048)
    /// cannot hold a tile in its weight buffer, so it fails on its own while the rest run.
    /// </summary>
    private static string SmallSweep(string dir) => Write(dir, "small.yaml", $"""
        name: small
        designs: {Shipped("arch-configs/default.yaml")}
        workloads: {Shipped("workloads/gemm/mlp-w4a8.yaml")}
        axes:
          - path: compute[mxu].rows
            values: [16, 32, 2048]
          - path: compute[mxu].columns
            name: cols
            values: [32, 2048]
          - path: compute[mxu].dataflow
            values: [weight-stationary, output-stationary, input-stationary]
        constraints:
          - rows * cols <= 1048576
          - area_mm2 <= 1000
        objectives:
          latency_us: minimize
          energy_uj: minimize
          area_mm2: minimize
        """);

    private static string Bytes(string dir) =>
        File.ReadAllText(Path.Combine(dir, "results.csv")) + File.ReadAllText(Path.Combine(dir, "results.jsonl"));

    [Fact]
    public void Sweep_GivesTheSameBytesOnOneJobOrTwo_RecordsFailures_AndMarksTheFront()
    {
        string dir = TempDirectory();
        string spec = SmallSweep(dir);
        (int exit, string output, string error) = Run("sweep", spec, "--jobs", "1", "--out", Path.Combine(dir, "one"));
        Assert.True(exit == 0, error);
        Assert.True(Run("sweep", spec, "--jobs", "2", "--out", Path.Combine(dir, "two")).Exit == 0);
        Assert.Equal(Bytes(Path.Combine(dir, "one")), Bytes(Path.Combine(dir, "two")));

        string[] lines = File.ReadAllLines(Path.Combine(dir, "one", "results.csv"));
        Assert.StartsWith("index,status,pareto,design,pe_kind,workload,rows,cols,dataflow,latency_us,", lines[0], StringComparison.Ordinal);
        // 3 × 2 × 3 = 18 points, less the three 2048×2048 ones the axis constraint drops before they run.
        Assert.Equal(15, lines.Length - 1);
        Assert.Contains("15 of 15 points", output, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 18).Where(i => i < 15).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            lines.Skip(1).Select(l => l.Split(',')[0]));
        // 2048 rows × 32 columns of INT8 is fine alone; 2048 × 2048 would be, but the constraint dropped it.
        Assert.Contains(lines, l => l.Contains(",ok,true,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.Skip(1), l => l.Contains(",2048,2048,", StringComparison.Ordinal));
    }

    [Fact]
    public void FailingPoint_IsRecordedWithItsErrorAtTheBaseFilesLine_AndTheSweepGoesOn()
    {
        string dir = TempDirectory();
        string spec = Write(dir, "fail.yaml", $"""
            name: fail
            designs: {Shipped("arch-configs/default.yaml")}
            workloads: {Shipped("workloads/gemm/mlp-w4a8.yaml")}
            axes:
              - path: compute[mxu].rows
                values: [32, 4096]
              - path: compute[mxu].columns
                values: [32, 4096]
            objectives: {"{"}energy_uj: minimize{"}"}
            """);
        (int exit, string output, string error) = Run("sweep", spec, "--out", Path.Combine(dir, "out"));
        Assert.True(exit == 0, error);
        Assert.Contains("3 ran, 0 broke a constraint, 1 failed", output, StringComparison.Ordinal);
        string failed = Assert.Single(File.ReadAllLines(Path.Combine(dir, "out", "results.csv")), l => l.Contains(",failed,", StringComparison.Ordinal));
        // The 4096×4096 tile does not fit the weight buffer the base design gives, and the error says where that is.
        Assert.Contains($"{Shipped("arch-configs/default.yaml")}:", failed, StringComparison.Ordinal);
        Assert.Contains("buffers[weights].capacity", failed, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingResults_AreNeverOverwritten_AndResumeRunsOnlyWhatIsMissing()
    {
        string dir = TempDirectory();
        string spec = SmallSweep(dir);
        string outDir = Path.Combine(dir, "out");
        Assert.Equal(0, Run("sweep", spec, "--out", outDir).Exit);
        string full = Bytes(outDir);

        (int exit, _, string error) = Run("sweep", spec, "--out", outDir);
        Assert.Equal(1, exit);
        Assert.Contains("already holds sweep results; continue them with --resume", error, StringComparison.Ordinal);
        Assert.Equal(full, Bytes(outDir));

        // Drop five points' lines and cut the last one short, as a kill mid-write would.
        string journal = Path.Combine(outDir, "results.jsonl");
        string[] lines = File.ReadAllLines(journal);
        File.WriteAllText(journal, string.Join("\n", lines.Take(10)) + "\n" + lines[10][..40]);
        (exit, string output, error) = Run("sweep", spec, "--out", outDir, "--resume");
        Assert.True(exit == 0, error);
        Assert.Contains("10 already done, 5 to run", output, StringComparison.Ordinal);
        Assert.Equal(full, Bytes(outDir));
    }

    [Fact]
    public void Resume_RefusesResultsOfAChangedPreset_ButFollowsAMovedCheckout()
    {
        // The design's memory comes from presets/hbm2e.yaml beside it: a file the spec never names.
        string dir = TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "presets"));
        File.Copy(Shipped("arch-configs/default.yaml"), Path.Combine(dir, "design.yaml"));
        File.Copy(Shipped("arch-configs/presets/hbm2e.yaml"), Path.Combine(dir, "presets", "hbm2e.yaml"));
        File.Copy(Shipped("workloads/gemm/mlp-w4a8.yaml"), Path.Combine(dir, "mlp.yaml"));
        string spec = Write(dir, "s.yaml", "name: s\ndesigns: design.yaml\nworkloads: mlp.yaml\naxes:\n  - {path: 'compute[mxu].rows', values: [32, 64]}\nobjectives: {energy_uj: min}\n");
        Assert.Equal(0, Run("sweep", spec, "--out", Path.Combine(dir, "out")).Exit);

        string moved = TempDirectory();
        foreach (string file in Directory.GetFiles(dir, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(moved, Path.GetRelativePath(dir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        (int exit, string output, string error) = Run("sweep", Path.Combine(moved, "s.yaml"), "--out", Path.Combine(moved, "out"), "--resume");
        Assert.True(exit == 0, error);
        Assert.Contains("2 already done, 0 to run", output, StringComparison.Ordinal);

        string preset = Path.Combine(moved, "presets", "hbm2e.yaml");
        File.WriteAllText(preset, File.ReadAllText(preset).Replace("bandwidth: 409.6 GB/s", "bandwidth: 300 GB/s", StringComparison.Ordinal));
        (exit, _, error) = Run("sweep", Path.Combine(moved, "s.yaml"), "--out", Path.Combine(moved, "out"), "--resume");
        Assert.Equal(1, exit);
        Assert.Contains("holds results of another version of the sweep", error, StringComparison.Ordinal);
        Assert.Contains("a file it reads (a design, workload, preset, model or trace) changed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_MergeIntoTheFullSweep()
    {
        string dir = TempDirectory();
        string spec = SmallSweep(dir);
        Assert.Equal(0, Run("sweep", spec, "--out", Path.Combine(dir, "full")).Exit);
        for (int i = 1; i <= 3; i++)
        {
            Assert.Equal(0, Run("sweep", spec, "--shard", $"{i}/3", "--out", Path.Combine(dir, $"s{i}")).Exit);
        }

        (int exit, string output, string error) = Run("merge", Path.Combine(dir, "s1"), Path.Combine(dir, "s2"), "--out", Path.Combine(dir, "partial"));
        Assert.Equal(1, exit);
        Assert.Contains("are in none of the directories; shard 3/3 is missing; run them", error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "partial", "results.csv")));

        // A shard resumed into another shard's directory is refused.
        (exit, _, error) = Run("sweep", spec, "--shard", "3/3", "--resume", "--out", Path.Combine(dir, "s2"));
        Assert.Equal(1, exit);
        Assert.Contains("holds the results of shard 2/3, not 3/3", error, StringComparison.Ordinal);
        Assert.Equal(0, Run("merge", Path.Combine(dir, "s1"), Path.Combine(dir, "s2"), Path.Combine(dir, "s3"), "--out", Path.Combine(dir, "merged")).Exit);
        Assert.Equal(Bytes(Path.Combine(dir, "full")), Bytes(Path.Combine(dir, "merged")));
    }

    [Fact]
    public void Merge_TakesJournalsInAnyOrder_APointTwice_AndACutOffLine_AndRefusesHandEditsAndClashes()
    {
        string dir = TempDirectory();
        string spec = SmallSweep(dir);
        Assert.Equal(0, Run("sweep", spec, "--out", Path.Combine(dir, "full")).Exit);
        for (int i = 1; i <= 2; i++)
        {
            Assert.Equal(0, Run("sweep", spec, "--shard", $"{i}/2", "--out", Path.Combine(dir, $"s{i}")).Exit);
        }

        // A journal in completion order (an interrupted run's), a shard given twice, a copy cut off mid-line.
        string journal2 = Path.Combine(dir, "s2", "results.jsonl");
        File.WriteAllLines(journal2, File.ReadAllLines(journal2).Reverse());
        string copy = Path.Combine(dir, "copy");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(dir, "s1", "sweep.json"), Path.Combine(copy, "sweep.json"));
        string text = File.ReadAllText(Path.Combine(dir, "s1", "results.jsonl"));
        File.WriteAllText(Path.Combine(copy, "results.jsonl"), text[..(text.Length - 40)]);
        Assert.Equal(0, Run("merge", Path.Combine(dir, "s2"), copy, Path.Combine(dir, "s1"), Path.Combine(dir, "s2"), "--out", Path.Combine(dir, "merged")).Exit);
        Assert.Equal(Bytes(Path.Combine(dir, "full")), Bytes(Path.Combine(dir, "merged")));

        // The cut-off copy alone is short of its last point.
        (int exit, _, string error) = Run("merge", copy, Path.Combine(dir, "s2"), "--out", Path.Combine(dir, "short"));
        Assert.Equal(1, exit);
        Assert.Contains("shard 1/2 has 7 of its 8 points", error, StringComparison.Ordinal);

        // A line changed by hand in the middle of a journal, and a point whose settings differ from another directory's.
        string[] lines = File.ReadAllLines(Path.Combine(dir, "s1", "results.jsonl"));
        File.WriteAllLines(Path.Combine(copy, "results.jsonl"), [lines[0], "{\"index\": oops", .. lines[1..]]);
        (exit, _, error) = Run("merge", copy, "--out", Path.Combine(dir, "edited"));
        Assert.Equal(1, exit);
        Assert.Contains($"{Path.Combine(copy, "results.jsonl")}:2:1: not a results line", error, StringComparison.Ordinal);
        File.WriteAllLines(Path.Combine(copy, "results.jsonl"), [lines[0].Replace("\"key\":\"", "\"key\":\"x", StringComparison.Ordinal), .. lines[1..]]);
        (exit, _, error) = Run("merge", Path.Combine(dir, "s1"), copy, "--out", Path.Combine(dir, "clash"));
        Assert.Equal(1, exit);
        Assert.Contains("point 0 has other settings than in an earlier directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ChartPoints_KeepTheWholeFront_AndASeededSampleOfTheRest()
    {
        string dir = TempDirectory();
        Assert.Equal(0, Run("sweep", SmallSweep(dir), "--out", Path.Combine(dir, "full")).Exit);
        var diagnostics = new AccelSim.Config.Yaml.Diagnostics();
        (_, AccelSim.Sweep.ChartPoints all) = AccelSim.Sweep.ChartPoints.Read(Path.Combine(dir, "full"), diagnostics);
        (_, AccelSim.Sweep.ChartPoints few) = AccelSim.Sweep.ChartPoints.Read(Path.Combine(dir, "full"), diagnostics, limit: 3);
        (_, AccelSim.Sweep.ChartPoints again) = AccelSim.Sweep.ChartPoints.Read(Path.Combine(dir, "full"), diagnostics, limit: 3);
        Assert.False(diagnostics.HasErrors);
        Assert.False(all.Sampled);
        Assert.Equal(15, all.Total);
        int front = all.Points.Count(p => p.Pareto);
        Assert.True(front > 0 && all.OffFront > 3, $"{front} on the front, {all.OffFront} off it");
        Assert.True(few.Sampled);
        Assert.Equal(front + 3, few.Points.Count);
        Assert.Equal(all.Points.Where(p => p.Pareto).Select(p => p.Index), few.Points.Where(p => p.Pareto).Select(p => p.Index));
        Assert.Equal(few.Points.Select(p => p.Index), again.Points.Select(p => p.Index));
        Assert.Equal(few.Points.Select(p => p.Index).Order(), few.Points.Select(p => p.Index));
        Assert.Subset(all.Points.Select(p => p.Index).ToHashSet(), few.Points.Select(p => p.Index).ToHashSet());
    }

    [Fact]
    public void Validate_ChecksSweepSpecs()
    {
        string[] specs = [.. new[] { "pe-kinds-llama2-7b", "systolic-size", "moe-offload", "npu-pim" }.Select(n => Shipped($"arch-configs/sweeps/{n}.yaml"))];
        (int exit, string output, string error) = Run(["validate", .. specs]);
        Assert.True(exit == 0, error);
        Assert.Contains("sweep 'systolic-size', 90 points (96 before constraints), objectives maximize tokens_per_s, minimize energy_per_token_uj, minimize area_mm2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BadArguments_AreAllReported()
    {
        string dir = TempDirectory();
        (int exit, _, string error) = Run("sweep", SmallSweep(dir), "--shard", "4/3", "--jobs", "0");
        Assert.Equal(1, exit);
        Assert.Contains("--shard: '4/3' is not I/N with 1 ≤ I ≤ N", error, StringComparison.Ordinal);
        Assert.Contains("--jobs: 0 is not a number of jobs", error, StringComparison.Ordinal);
        string file = Write(dir, "results", "");
        (exit, _, error) = Run("sweep", SmallSweep(dir), "--out", file);
        Assert.Equal(1, exit);
        Assert.Contains("is a file; the results need a directory", error, StringComparison.Ordinal);
        (exit, _, error) = Run("plot", dir, "--x", "tokens_per_sec");
        Assert.Equal(1, exit);
        Assert.Contains("not a sweep results directory", error, StringComparison.Ordinal);
        (exit, _, error) = Run("plot", Path.Combine(dir, "missing"));
        Assert.Equal(1, exit);
        Assert.Equal([$"{Path.Combine(dir, "missing")}:1:1: not a sweep results directory: it needs sweep.json and results.jsonl", "1 error; nothing was run"],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Plot_WritesAScatterWithTheFront_AndTheBreakdown()
    {
        string dir = TempDirectory();
        string outDir = Path.Combine(dir, "out");
        Assert.Equal(0, Run("sweep", SmallSweep(dir), "--out", outDir).Exit);
        (int exit, string output, string error) = Run("plot", outDir, "--x", "latency_us", "--y", "energy_uj", "--color", "dataflow", "--log-x");
        Assert.True(exit == 0, error);
        string svg = File.ReadAllText(Path.Combine(outDir, "energy_uj-vs-latency_us.svg"));
        Assert.Equal("svg", System.Xml.Linq.XDocument.Parse(svg).Root!.Name.LocalName);
        Assert.Contains("output-stationary", svg, StringComparison.Ordinal);
        Assert.Contains("Pareto front of this pair", svg, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(outDir, "energy_uj-vs-latency_us.png"))[..4]);
        Assert.Contains("wrote", output, StringComparison.Ordinal);
        Assert.Equal(0, Run("plot", outDir, "--breakdown").Exit);
        Assert.Contains("energy by component", File.ReadAllText(Path.Combine(outDir, "energy-breakdown.svg")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "energy-breakdown.png")));

        (exit, _, error) = Run("plot", outDir, "--x", "tokens_per_sec", "--out", Path.Combine(dir, "chart.pdf"));
        Assert.Equal(1, exit);
        Assert.Contains("--x: 'tokens_per_sec' is neither a metric nor a swept parameter; did you mean 'tokens_per_s'?", error, StringComparison.Ordinal);
        Assert.Contains("ends in neither .svg nor .png", error, StringComparison.Ordinal);

        // A swept parameter is an axis too.
        string png = Path.Combine(dir, "by-parameter.png");
        (exit, _, error) = Run("plot", outDir, "--x", "rows", "--y", "energy_uj", "--out", png);
        Assert.True(exit == 0, error);
        Assert.True(new FileInfo(png).Length > 1000);
        (exit, _, error) = Run("plot", outDir, "--x", "dataflow");
        Assert.Equal(1, exit);
        Assert.Contains("swept parameter 'dataflow' has values that are not numbers", error, StringComparison.Ordinal);
        (exit, _, error) = Run("plot", outDir, "--color", "dataflw");
        Assert.Equal(1, exit);
        Assert.Contains("did you mean 'dataflow'?", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The journal's promise: a sweep killed at any moment and resumed ends with exactly the points of an
    /// uninterrupted run, none lost or duplicated. The sweep (one job, the Llama-2-7B decode step, so points take
    /// tens of milliseconds) runs as a child process killed once a seeded random number of points is journaled and a
    /// random few milliseconds more have passed (often mid-point, sometimes mid-line), twice, then resumed to the end.
    /// </summary>
    [Fact]
    public void KilledAtAnyMoment_AndResumed_GivesExactlyTheFullSweep()
    {
        string dir = TempDirectory();
        string spec = Write(dir, "slow.yaml", File.ReadAllText(SmallSweep(dir)).Replace("workloads/gemm/mlp-w4a8.yaml", "workloads/default.yaml", StringComparison.Ordinal));
        Assert.Equal(0, Run("sweep", spec, "--out", Path.Combine(dir, "reference")).Exit);
        string outDir = Path.Combine(dir, "killed");
        string journal = Path.Combine(outDir, "results.jsonl");
        var random = new Random(3);
        var journaledAtKill = new List<int>();
        for (int attempt = 0; attempt < 2; attempt++)
        {
            int before = File.Exists(journal) ? File.ReadAllLines(journal).Length : 0;
            int target = before + 1 + random.Next(5);
            using Process child = Start(spec, outDir, resume: attempt > 0);
            var clock = Stopwatch.StartNew();
            while (!child.HasExited && (File.Exists(journal) ? File.ReadAllLines(journal).Length : 0) < target && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(2);
            }

            Thread.Sleep(random.Next(40));
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
                journaledAtKill.Add(File.ReadAllLines(journal).Length);
            }
        }

        using (Process last = Start(spec, outDir, resume: true))
        {
            Assert.True(last.WaitForExit(120_000));
            Assert.True(last.ExitCode == 0, last.StandardError.ReadToEnd());
        }

        Assert.True(journaledAtKill.Count == 2 && journaledAtKill.All(n => n is > 0 and < 15), $"killed with {string.Join(", ", journaledAtKill)} points journaled; the test needs two kills mid-sweep");
        Assert.Equal(Bytes(Path.Combine(dir, "reference")), Bytes(outDir));
    }

    private static Process Start(string spec, string outDir, bool resume)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "accelsim.dll"), "sweep", spec, "--jobs", "1", "--out", outDir })
        {
            start.ArgumentList.Add(arg);
        }

        if (resume)
        {
            start.ArgumentList.Add("--resume");
        }

        return Process.Start(start)!;
    }
}
