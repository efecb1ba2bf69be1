using System.Diagnostics;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Cli;

/// <summary>
/// <c>sweep --slurm</c>'s scripts, run as SLURM would run them but without SLURM (its directives are comments to
/// bash): each task of the array, a task run again as a requeued one, then the merge job; the merged results must be
/// the bytes of the sweep run in one process. tests/cluster/slurm-e2e.sh does the same under a real scheduler.
/// </summary>
public class SweepSlurmTests
{
    private static string Shipped(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    private static string Spec(string dir) => Write(dir, "tiny.yaml", $"""
        name: tiny
        designs: {Shipped("arch-configs/default.yaml")}
        workloads: {Shipped("workloads/gemm/mlp-w4a8.yaml")}
        functional: off
        axes:
          - path: compute[mxu].rows
            values: [16, 32, 64]
          - path: compute[mxu].columns
            values: [16, 64]
        objectives:
          latency_us: minimize
          energy_uj: minimize
        """);

    private static (int Exit, string Out) Bash(string dir, string script, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", [script]) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process bash = Process.Start(start)!;
        string output = bash.StandardOutput.ReadToEndAsync().Result + bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        return (bash.ExitCode, output);
    }

    private static string Bytes(string dir) =>
        File.ReadAllText(Path.Combine(dir, "results.csv")) + File.ReadAllText(Path.Combine(dir, "results.jsonl"));

    [Fact]
    public void TheScripts_RunEachShard_ResumeARequeuedTask_AndMergeIntoTheUnshardedBytes()
    {
        string dir = TempDirectory();
        string spec = Spec(dir), outDir = Path.Combine(dir, "cluster");
        (int exit, string output, string error) = Run("sweep", spec, "--slurm", "--array", "3", "--cpus", "1", "--time", "0-00:20", "--out", outDir);
        Assert.True(exit == 0, error);
        Assert.Contains("6 points as a SLURM job array of 3 task(s)", output, StringComparison.Ordinal);
        string slurm = Path.Combine(outDir, "slurm");
        string array = File.ReadAllText(Path.Combine(slurm, "array.sbatch")), merge = File.ReadAllText(Path.Combine(slurm, "merge.sbatch"));
        string submit = File.ReadAllText(Path.Combine(slurm, "submit.sh"));
        Assert.Contains("#SBATCH --array=1-3\n", array, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --cpus-per-task=1\n", array, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --time=0-00:20\n", array, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --requeue\n", array, StringComparison.Ordinal);
        Assert.Contains("--dependency=afterok:\"$array\"", submit, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --kill-on-invalid-dep=yes\n", merge, StringComparison.Ordinal);
        foreach (string script in new[] { "array.sbatch", "merge.sbatch", "submit.sh" })
        {
            var check = new ProcessStartInfo("bash", ["-n", Path.Combine(slurm, script)]) { UseShellExecute = false };
            using Process p = Process.Start(check)!;
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{script} is not valid bash");
        }

        // The tasks, as SLURM starts them (task 2 twice: the second time as a requeued task, which resumes).
        string arrayScript = Path.Combine(slurm, "array.sbatch");
        foreach (int task in new[] { 1, 2, 3 })
        {
            (int code, string log) = Bash(dir, arrayScript, ("SLURM_ARRAY_TASK_ID", $"{task}"), ("SLURM_CPUS_PER_TASK", "1"));
            Assert.True(code == 0, log);
            Assert.Contains($"shard {task}/3", log, StringComparison.Ordinal);
        }

        (int again, string requeued) = Bash(dir, arrayScript, ("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_CPUS_PER_TASK", "1"), ("SLURM_RESTART_COUNT", "1"));
        Assert.True(again == 0, requeued);
        Assert.Contains("restart 1", requeued, StringComparison.Ordinal);
        Assert.Contains("2 already done, 0 to run", requeued, StringComparison.Ordinal);

        (int merged, string mergeLog) = Bash(dir, Path.Combine(slurm, "merge.sbatch"));
        Assert.True(merged == 0, mergeLog);
        // The plot job draws the spec's first two objectives, y against x.
        Assert.True(File.Exists(Path.Combine(outDir, "merged", "energy_uj-vs-latency_us.svg")), mergeLog);
        Assert.True(Run("sweep", spec, "--jobs", "1", "--out", Path.Combine(dir, "local")).Exit == 0);
        Assert.Equal(Bytes(Path.Combine(dir, "local")), Bytes(Path.Combine(outDir, "merged")));
    }

    [Fact]
    public void TheMergeJob_FailsAndNamesAShardThatNeverRan()
    {
        string dir = TempDirectory();
        string spec = Spec(dir), outDir = Path.Combine(dir, "cluster");
        Assert.Equal(0, Run("sweep", spec, "--slurm", "--array", "2", "--out", outDir).Exit);
        string slurm = Path.Combine(outDir, "slurm");
        Assert.Equal(0, Bash(dir, Path.Combine(slurm, "array.sbatch"), ("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_CPUS_PER_TASK", "1")).Exit);
        (int exit, string log) = Bash(dir, Path.Combine(slurm, "merge.sbatch"));
        Assert.NotEqual(0, exit);
        Assert.Contains("shard-2", log, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSlurmOptions_AreAllReported_AndNothingIsWritten()
    {
        string dir = TempDirectory();
        string spec = Spec(dir), outDir = Path.Combine(dir, "cluster");
        (int exit, _, string error) = Run("sweep", spec, "--array", "0", "--cpus", "0", "--time", "2h", "--shard", "1/2", "--out", outDir);
        Assert.NotEqual(0, exit);
        foreach (string expected in new[] { "--slurm:", "--shard:", "--array: 0 is not a number of tasks", "--cpus: 0 is not a number of CPUs", "--time: '2h' is not a SLURM time" })
        {
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }

        (exit, _, error) = Run("sweep", spec, "--slurm", "--array", "7", "--out", outDir);
        Assert.NotEqual(0, exit);
        Assert.Contains("7 tasks for 6 points", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }
}
