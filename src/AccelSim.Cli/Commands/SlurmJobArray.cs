using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AccelSim.Cli.Commands;

/// <summary>
/// A sweep as a SLURM job array (<c>accelsim sweep SPEC --slurm</c>): one shard per task, each in its own results
/// directory; a task that is requeued (a lost node, preemption, <c>scontrol requeue</c>) finds its journal and goes on
/// with <c>--resume</c>; the merge and the plot run as one more job once every task has succeeded (<c>afterok</c>).
/// </summary>
/// <param name="Command">How to run this AccelSim: its own executable, or <c>dotnet</c> and its assembly.</param>
/// <param name="WorkingDirectory">Where the scripts were written from: every relative path in them is relative to it.</param>
internal sealed partial record SlurmJobArray(
    string Name, string Spec, string Out, int Tasks, int Cpus, string Time, string? Partition,
    IReadOnlyList<string> Command, string WorkingDirectory, IReadOnlyList<string> PlotAxes)
{
    public string ScriptDirectory => Path.Combine(Out, "slurm");

    public string ArrayPath => Path.Combine(ScriptDirectory, "array.sbatch");

    public string MergePath => Path.Combine(ScriptDirectory, "merge.sbatch");

    public string SubmitPath => Path.Combine(ScriptDirectory, "submit.sh");

    /// <summary>SLURM's time formats: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes, days-hours:minutes:seconds.</summary>
    public static bool IsTime(string text) => TimePattern().IsMatch(text);

    [GeneratedRegex(@"^(\d+(:\d{1,2}){0,2}|\d+-\d+(:\d{1,2}){0,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    /// <summary>The command that runs this AccelSim again: its own executable (an installed tool), else dotnet and the assembly.</summary>
    public static IReadOnlyList<string> ThisAccelsim()
    {
        string? process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process).Equals("accelsim", StringComparison.OrdinalIgnoreCase)
            ? [process]
            : ["dotnet", typeof(SlurmJobArray).Assembly.Location];
    }

    public void Write()
    {
        Directory.CreateDirectory(Path.Combine(ScriptDirectory, "logs"));
        File.WriteAllText(ArrayPath, ArrayScript());
        File.WriteAllText(MergePath, MergeScript());
        File.WriteAllText(SubmitPath, SubmitScript());
    }

    public string ArrayScript()
    {
        var s = Header($"The {Name} sweep as a SLURM job array: task I runs shard I/{Tasks} of its points into {Path.Combine(Out, "shard-I")}.");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --job-name=accelsim-{Name}");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --array=1-{Tasks}");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={Cpus}");
        CommonDirectives(s, Path.Combine(ScriptDirectory, "logs", "shard-%a.log"));
        s.AppendLine("#SBATCH --requeue");
        s.AppendLine("#SBATCH --open-mode=append");
        Prologue(s);
        s.AppendLine(CultureInfo.InvariantCulture, $"out={Quote(Path.Combine(Out, "shard-"))}\"$SLURM_ARRAY_TASK_ID\"");
        s.AppendLine("# A requeued task goes on from its journal: --resume runs only the points it does not hold yet.");
        s.AppendLine("resume=()");
        s.AppendLine("if [ -e \"$out/sweep.json\" ]; then resume=(--resume); fi");
        s.AppendLine("echo \"shard $SLURM_ARRAY_TASK_ID/" + Tasks.ToString(CultureInfo.InvariantCulture) + ", restart ${SLURM_RESTART_COUNT:-0}, on $(hostname)\"");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"exec \"${{accelsim[@]}}\" sweep {Quote(Spec)} --jobs \"$SLURM_CPUS_PER_TASK\" --shard \"$SLURM_ARRAY_TASK_ID/{Tasks}\" --out \"$out\" \"${{resume[@]}}\"");
        return s.ToString();
    }

    public string MergeScript()
    {
        var s = Header($"Merges the {Tasks} shards of the {Name} sweep into {Path.Combine(Out, "merged")} and draws its front; submitted to run once every task has succeeded.");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --job-name=accelsim-{Name}-merge");
        s.AppendLine("#SBATCH --cpus-per-task=1");
        CommonDirectives(s, Path.Combine(ScriptDirectory, "logs", "merge.log"));
        s.AppendLine("# A task that failed or was cancelled never satisfies afterok: this job is then removed, and once the");
        s.AppendLine("# failed tasks have been requeued and have finished, submit this script again alone (sbatch THIS_FILE).");
        s.AppendLine("#SBATCH --kill-on-invalid-dep=yes");
        Prologue(s);
        s.AppendLine("shards=()");
        s.AppendLine(CultureInfo.InvariantCulture, $"for i in $(seq 1 {Tasks}); do shards+=({Quote(Path.Combine(Out, "shard-"))}\"$i\"); done");
        s.AppendLine("# merge exits 1, naming them, if shards are missing or short of points.");
        s.AppendLine(CultureInfo.InvariantCulture, $"\"${{accelsim[@]}}\" merge \"${{shards[@]}}\" --out {Quote(Path.Combine(Out, "merged"))}");
        s.AppendLine(CultureInfo.InvariantCulture, $"\"${{accelsim[@]}}\" plot {Quote(Path.Combine(Out, "merged"))}{string.Concat(PlotAxes.Select(a => " " + Quote(a)))}");
        return s.ToString();
    }

    public string SubmitScript()
    {
        var s = new StringBuilder();
        s.AppendLine("#!/bin/bash");
        s.AppendLine(CultureInfo.InvariantCulture, $"# Submits the {Name} sweep's job array, then its merge to run once every task has succeeded.");
        s.AppendLine("set -euo pipefail");
        s.AppendLine(CultureInfo.InvariantCulture, $"cd {Quote(WorkingDirectory)}");
        s.AppendLine(CultureInfo.InvariantCulture, $"array=$(sbatch --parsable {Quote(ArrayPath)})");
        s.AppendLine("array=${array%%;*}");
        s.AppendLine(CultureInfo.InvariantCulture, $"merge=$(sbatch --parsable --dependency=afterok:\"$array\" {Quote(MergePath)})");
        s.AppendLine("echo \"submitted job array ${array} (" + Tasks.ToString(CultureInfo.InvariantCulture) + " tasks) and merge job ${merge%%;*} (afterok:${array})\"");
        return s.ToString();
    }

    private StringBuilder Header(string what)
    {
        var s = new StringBuilder();
        s.AppendLine("#!/bin/bash");
        s.AppendLine(CultureInfo.InvariantCulture, $"# {what}");
        s.AppendLine(CultureInfo.InvariantCulture, $"# Written by accelsim sweep --slurm; submit both with: bash {Quote(SubmitPath)}");
        return s;
    }

    private void CommonDirectives(StringBuilder s, string log)
    {
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --time={Time}");
        if (Partition is not null)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --partition={Partition}");
        }

        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --chdir={WorkingDirectory}");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --output={log}");
    }

    private void Prologue(StringBuilder s)
    {
        s.AppendLine("set -euo pipefail");
        s.AppendLine("# The AccelSim that wrote this script; set ACCELSIM to run another (e.g. ACCELSIM=accelsim for an installed tool).");
        s.AppendLine(CultureInfo.InvariantCulture, $"if [ -n \"${{ACCELSIM:-}}\" ]; then read -r -a accelsim <<< \"$ACCELSIM\"; else accelsim=({string.Join(" ", Command.Select(Quote))}); fi");
    }

    /// <summary>One shell word, whatever it holds.</summary>
    private static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@%".Contains(c)) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
