using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AccelSim.Cli;

namespace AccelSim.Tests.Fuzz;

/// <summary>
/// A seeded mutation fuzzer over the shipped designs, presets, workloads, sweep specs and traces, and SCALE-Sim
/// configs and topologies (Fuzz/ScaleSimInputs):
/// lines deleted, duplicated and swapped, values replaced by other types and extreme numbers, units stripped or
/// garbled, deep nesting, aliases, self-including presets, a BOM, CRLF, invalid UTF-8, truncation, empty files. Each
/// input is validated alone and, for designs and workloads, as a pair with a shipped partner (the checks run does
/// before simulating). Every outcome must be exit 0 or 1, never an internal error; every error line names
/// <c>file:line:col</c> (or the command-line option); no input takes long to reject. The CI run is
/// <see cref="DefaultCount"/> inputs; set ACCELSIM_FUZZ_COUNT (and ACCELSIM_FUZZ_SEED) for a longer one:
/// <c>ACCELSIM_FUZZ_COUNT=100000 dotnet test --filter Fuzz</c>; ACCELSIM_FUZZ_RUN=1 also runs each pair (timing only).
/// </summary>
public partial class InputFuzzTests
{
    private const int DefaultCount = 3000;

    /// <summary>Longest any one input may take, generous for a loaded 2-core CI machine: the point is no hang.</summary>
    private static readonly TimeSpan Slowest = TimeSpan.FromSeconds(2);

    [GeneratedRegex(@"^(.+?):\d+:\d+: |^--[a-z-]+: |^hint: |^\d+ errors?; nothing was run$|^[a-z-]+: ")]
    private static partial Regex Located();

    private static readonly string[] Values =
    [
        "0", "-1", "1e308", "-1e308", "NaN", "Infinity", "2147483648", "9223372036854775807", "99999999999999999999999", "0.0000001",
        "abc", "[]", "{}", "[1, [2, [3]]]", "''", "~", "true", "1 Hz", "1 bit/s", "1e30 GB/s", "0 ns", "1000000 s", "1 B", "1e19 B",
        "int1", "int4-g0", "int4-g-1", "fp99", "mxfp4", "ternary", "int4-g128", new string('x', 300), "0x1F", "1_000", "1,000",
    ];

    private static string Root()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "AccelSim.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        return root ?? AppContext.BaseDirectory;
    }

    private static List<string> Corpus()
    {
        string bundled = AppContext.BaseDirectory;
        IEnumerable<string> Files(string dir, string pattern) => Directory.Exists(Path.Combine(bundled, dir))
            ? Directory.GetFiles(Path.Combine(bundled, dir), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];
        return [.. Files("arch-configs", "*.yaml"), .. Files("workloads", "*.yaml"), .. Files("workloads", "*.csv").Where(f => new FileInfo(f).Length < 200_000),
            .. Files("Fuzz/ScaleSimInputs", "*.*")];
    }

    [Fact]
    public void Fuzz_MutatedInputs_AreRejectedCleanly_AndQuickly()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("ACCELSIM_FUZZ_COUNT"), out int n) ? n : DefaultCount;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("ACCELSIM_FUZZ_SEED"), out int s) ? s : 20261203;
        var random = new Random(seed);
        List<string> corpus = Corpus();
        Assert.True(corpus.Count > 30, "the shipped inputs were not found beside the tests");
        string dir = Directory.CreateTempSubdirectory("accelsim-fuzz").FullName;
        string smallWorkload = Path.Combine(AppContext.BaseDirectory, "workloads", "gemm", "mlp-w4a8.yaml");
        string smallDesign = Path.Combine(AppContext.BaseDirectory, "arch-configs", "int8-systolic.yaml");
        string convTopology = Path.Combine(AppContext.BaseDirectory, "Fuzz", "ScaleSimInputs", "conv-topology.csv");
        var slowest = (Time: TimeSpan.Zero, Input: "");
        for (int i = 0; i < count; i++)
        {
            string source = corpus[random.Next(corpus.Count)];
            string extension = Path.GetExtension(source);
            string file = Path.Combine(dir, $"in{i % 16}{extension}");
            byte[] mutated = Mutate(File.ReadAllBytes(source), random, extension, Path.GetFileName(file));
            File.WriteAllBytes(file, mutated);
            bool alsoRun = Environment.GetEnvironmentVariable("ACCELSIM_FUZZ_RUN") == "1";
            bool isWorkload = extension == ".csv" || source.Contains($"{Path.DirectorySeparatorChar}workloads{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
            string[][] commands = isWorkload
                ? [["validate", file], ["validate", "--arch", smallDesign, "--workload", file]]
                : [["validate", file], ["validate", "--arch", file, "--workload", extension == ".cfg" ? convTopology : smallWorkload]];
            if (alsoRun)
            {
                // The run phase too: mapping, the engine, the reports (slower; for local runs).
                string[] pair = [.. commands[1].Skip(1)];
                commands = [.. commands, ["run", .. pair, "--functional", "off", "--out", Path.Combine(dir, "out")]];
            }

            foreach (string[] args in commands)
            {
                var clock = Stopwatch.StartNew();
                using var output = new StringWriter();
                using var error = new StringWriter();
                int exit = AccelSimCommand.Run(args, output, error);
                clock.Stop();
                // Built only when needed: building it per error line made the check quadratic in the lines.
                string What() => $"seed {seed}, input {i} (from {Path.GetFileName(source)}): accelsim {string.Join(" ", args)}\n--- input (first 2,000 bytes) ---\n"
                    + Encoding.UTF8.GetString(mutated, 0, Math.Min(mutated.Length, 2000)) + "\n--- stderr ---\n" + error;
                if (exit is not (0 or 1))
                {
                    Assert.Fail($"exit {exit}: {What()}");
                }

                if (exit == 1)
                {
                    string? unlocated = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => !Located().IsMatch(l));
                    if (unlocated is not null)
                    {
                        Assert.Fail($"an error line without file:line:col: '{unlocated}'\n{What()}");
                    }
                }

                if (clock.Elapsed > slowest.Time)
                {
                    slowest = (clock.Elapsed, What());
                }
            }
        }

        Assert.True(slowest.Time < Slowest, $"{slowest.Time.TotalSeconds:F2} s for {slowest.Input}");
    }

    private static byte[] Mutate(byte[] input, Random random, string extension, string ownName)
    {
        string text = Encoding.UTF8.GetString(input);
        List<string> lines = [.. text.Split('\n')];
        int rounds = 1 + random.Next(3);
        for (int r = 0; r < rounds; r++)
        {
            int line = lines.Count == 0 ? 0 : random.Next(lines.Count);
            switch (random.Next(15))
            {
                case 0 when lines.Count > 0:
                    lines.RemoveAt(line);
                    break;
                case 1 when lines.Count > 0:
                    lines.Insert(line, lines[line]);
                    break;
                case 2 when lines.Count > 1:
                    int other = random.Next(lines.Count);
                    (lines[line], lines[other]) = (lines[other], lines[line]);
                    break;
                case 3 or 4 when lines.Count > 0:
                    lines[line] = ReplaceValue(lines[line], Values[random.Next(Values.Length)], extension, random);
                    break;
                case 5 when lines.Count > 0:
                    // Strip or garble a unit.
                    lines[line] = Regex.Replace(lines[line], @"\s*(GHz|MHz|MiB|KiB|GiB|GB/s|B/cycle|ns|us|nm|pJ/bit|pJ|mW)\b", random.Next(2) == 0 ? "" : " furlongs");
                    break;
                case 6 when lines.Count > 0:
                    int at = random.Next(lines[line].Length + 1);
                    lines[line] = lines[line].Insert(at, ((char)random.Next(32, 127)).ToString());
                    break;
                case 7:
                    lines.Insert(line, new string('[', 100 + random.Next(5000)) + new string(']', 100 + random.Next(5000)));
                    break;
                case 8:
                    lines.Insert(0, "x: &a {b: *a}");
                    break;
                case 9:
                    lines.Add(random.Next(2) == 0 ? "preset: in0.yaml" : "  preset: ../in1.yaml");
                    break;
                case 10:
                    lines = [.. lines.Take(random.Next(lines.Count + 1))];
                    break;
                case 11:
                    lines.Add(string.Concat(Enumerable.Repeat("k: v\n", 1 + random.Next(3))) + $"big: {new string('9', 1000 + random.Next(100_000))}");
                    break;
                case 12:
                    lines.Insert(line, string.Join("\n", Enumerable.Range(0, 200 + random.Next(3000)).Select(k => $"unknown_key_{k}: {k}")));
                    break;
                case 13 when lines.Count > 0:
                    // A path setting that names the file it is in.
                    lines[line] = Regex.Replace(lines[line], @"\b(file|model|preset|designs|workloads|trace): .*", $"$1: {ownName}");
                    break;
                default:
                    break;
            }
        }

        byte[] bytes = Encoding.UTF8.GetBytes(string.Join(random.Next(8) == 0 ? "\r\n" : "\n", lines));
        return random.Next(20) switch
        {
            0 => [0xEF, 0xBB, 0xBF, .. bytes],
            1 => [.. bytes, 0xC3, 0x28, 0xFF, 0xFE],
            2 => [],
            _ => bytes,
        };
    }

    /// <summary>The line with its value (after the first ': ' in YAML, a random field in CSV) replaced.</summary>
    private static string ReplaceValue(string line, string value, string extension, Random random)
    {
        if (extension == ".csv")
        {
            string[] fields = line.Split(',');
            fields[random.Next(fields.Length)] = value;
            return string.Join(",", fields);
        }

        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? line : line[..(colon + 2)] + value;
    }
}
