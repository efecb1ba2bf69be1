using System.Diagnostics;
using System.Text;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Cli;

/// <summary>
/// Every <c>accelsim</c> command in the README runs as written, from a directory that is not a clone: each shell
/// block that runs <c>accelsim</c> is run by bash in a fresh directory, with <c>accelsim</c> on the PATH as the built
/// tool (which finds the bundled files beside itself, as an installed tool does). The blocks that take minutes (the
/// NeuPIMs loop over four models, a 2k-token prefill on a 12×14 array, a million-point sweep) run with a recording
/// <c>accelsim</c> instead, and each recorded command is parsed and its design, workload and overrides validated as
/// <c>run</c> would load them.
/// </summary>
public class ReadmeCommandTests
{
    /// <summary>What marks a block too long for the test suite; the test fails if the README's set changes.</summary>
    private static readonly string[] Long = ["for spec in", "mapping_objective=energy", "million-points"];

    private static string Root()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "AccelSim.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.NotNull(root);
        return root;
    }

    /// <summary>The README's code blocks that run <c>accelsim</c>, with the line each starts at.</summary>
    public static TheoryData<int> Blocks()
    {
        var data = new TheoryData<int>();
        foreach ((int line, _) in ShellBlocks())
        {
            data.Add(line);
        }

        return data;
    }

    private static List<(int Line, string Text)> ShellBlocks()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Root(), "README.md"));
        var blocks = new List<(int, string)>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            int start = i + 1;
            int end = Array.FindIndex(lines, start, l => l.StartsWith("```", StringComparison.Ordinal));
            string[] body = lines[start..end];
            if (body.Any(l => l.TrimStart().StartsWith("accelsim ", StringComparison.Ordinal)))
            {
                blocks.Add((start + 1, string.Join("\n", body)));
            }

            i = end;
        }

        return blocks;
    }

    [Fact]
    public void TheLongBlocks_AreTheOnesThisTestKnows()
    {
        Assert.Equal(Long.Length, ShellBlocks().Count(b => Long.Any(m => b.Text.Contains(m, StringComparison.Ordinal))));
        Assert.True(ShellBlocks().Count >= 8, "the README's command blocks were not found");
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task TheBlockAtThisLine_RunsAsWritten_FromAnotherDirectory(int line)
    {
        string text = ShellBlocks().Single(b => b.Line == line).Text;
        bool recordOnly = Long.Any(m => text.Contains(m, StringComparison.Ordinal));
        string dir = TempDirectory(), bin = Directory.CreateDirectory(Path.Combine(dir, ".bin")).FullName, log = Path.Combine(dir, ".calls");
        string dll = Path.Combine(AppContext.BaseDirectory, "accelsim.dll");
        string shim = Path.Combine(bin, "accelsim");
        File.WriteAllText(shim, recordOnly
            ? $"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\037' \"$a\"; done >> '{log}'\nprintf '\\036' >> '{log}'\n"
            : $"#!/bin/sh\nexec '{Dotnet()}' '{dll}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // The user's own SCALE-Sim files, which the README names as placeholders.
        File.WriteAllText(Path.Combine(dir, "scale.cfg"),
            "[architecture_presets]\nArrayHeight: 32\nArrayWidth: 32\nIfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\nDataflow: ws\n[run_presets]\nInterfaceBandwidth: CALC\n");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "workloads", "gemm", "scalesim-golden.csv"), Path.Combine(dir, "topology.csv"));

        var start = new ProcessStartInfo("bash") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-ec");
        // The install block's dotnet pack and tool install are what the shim stands in for; its accelsim lines run.
        start.ArgumentList.Add(string.Join("\n", text.Split('\n').Where(l => !l.TrimStart().StartsWith("dotnet ", StringComparison.Ordinal))));
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["SLURM_CPUS_PER_TASK"] = "2";
        start.Environment["SLURM_ARRAY_TASK_ID"] = "1";
        using Process bash = Process.Start(start)!;
        Task<string> output = bash.StandardOutput.ReadToEndAsync(), error = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, $"README line {line}: exit {bash.ExitCode}\n{await error}\n{await output}");
        if (!recordOnly)
        {
            return;
        }

        string[][] calls = [.. File.ReadAllText(log).Split('\u001e', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Split('\u001f', StringSplitOptions.RemoveEmptyEntries))];
        Assert.NotEmpty(calls);
        int valid = 0;
        foreach (string[] call in calls.DistinctBy(c => string.Join(" ", c)))
        {
            Assert.Empty(AccelSim.Cli.AccelSimCommand.Build().Parse(call).Errors);
            if (call[0] is "merge" or "plot")
            {
                // Their inputs are what the recorded sweeps would have written: parsing is what can be checked.
                continue;
            }

            (int exit, _, string why) = Run(Validation(call));
            // The NeuPIMs table's "does not fit" points are refusals the README reports; anything else must load.
            Assert.True(exit == 0 || why.Contains("need more than", StringComparison.Ordinal) || why.Contains("KV caches need", StringComparison.Ordinal), $"README line {line}: {string.Join(" ", call)}\n{why}");
            valid += exit == 0 ? 1 : 0;
        }

        Assert.True(valid > 0, $"README line {line}: no recorded command loads");
    }

    /// <summary>The dotnet host running the tests (so the shim works where dotnet is not on the PATH), or "dotnet".</summary>
    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    /// <summary>The validate command that loads what a recorded run or sweep would load.</summary>
    private static string[] Validation(string[] call)
    {
        if (call[0] == "sweep")
        {
            return ["validate", call[1]];
        }

        var args = new List<string> { "validate" };
        for (int i = 1; i < call.Length - 1; i++)
        {
            if (call[i] is "--arch" or "-a" or "--workload" or "-w" or "--set")
            {
                args.Add(call[i]);
                args.Add(call[++i]);
            }
        }

        return [.. args];
    }
}
