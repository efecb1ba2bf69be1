using System.Globalization;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Units;

namespace AccelSim.Accelerator;

/// <summary>
/// Names the setting that made a run's simulated time or byte counts pass 64 bits. Every clock, bandwidth and time in
/// the design (found by its unit, wherever it sits: presets and <c>--set</c> included) is ranked by how far it is
/// slower than an ordinary value (1 GHz, 64 B/cycle, 100 GB/s, 100 ns); the slowest are tried one at a time with the
/// ordinary value in their place, timing only, and the first that lets the run finish is the culprit, reported at
/// its own <c>file:line:col</c>. When none does alone, all of them together are tried; when that fails too, the
/// workload is too large for 64-bit picoseconds whatever the design. When the timing-only run finishes as it is, the
/// overflow came from outside the timing model, and no setting is blamed.
/// </summary>
public static class OverflowCulprit
{
    private const int SingleTrials = 4;

    private sealed record Candidate(string SetPath, ConfigScalar Value, string Ordinary, double Slowness);

    public static ConfigError Find(string designPath, IReadOnlyList<string> designSets, string workloadPath, IReadOnlyList<string> workloadSets, int seed)
    {
        ArgumentNullException.ThrowIfNull(designPath);
        ArgumentNullException.ThrowIfNull(workloadPath);
        ArgumentNullException.ThrowIfNull(designSets);
        ArgumentNullException.ThrowIfNull(workloadSets);
        var whole = new ConfigError(new SourceLocation(workloadPath, 1, 1), "", $"{SimTime.Overflow}: this workload is too large for that on this design");
        ConfigMapping? root = designPath.EndsWith(".cfg", StringComparison.OrdinalIgnoreCase)
            ? null
            : MappingReader.OpenDocument(designPath, designSets, new Diagnostics())?.Mapping;
        if (root is null)
        {
            return whole;
        }

        if (Finishes(designPath, designSets, workloadPath, workloadSets, seed))
        {
            // The timing finishes with the settings as they are, so no setting explains the overflow: it came from
            // outside the timing model (a functional check, say), and blaming a clock would send the user astray.
            return whole with
            {
                Message = "an arithmetic overflow outside the timing model (the timing-only run finishes with these settings): an internal error, "
                    + "not one in the input; --functional off avoids it; please report it",
            };
        }

        var candidates = new List<Candidate>();
        Collect(root, "", candidates);
        List<Candidate> slow = [.. candidates.Where(c => c.Slowness > 1).OrderByDescending(c => c.Slowness)];
        foreach (Candidate c in slow.Take(SingleTrials))
        {
            if (Finishes(designPath, [.. designSets, $"{c.SetPath}={c.Ordinary}"], workloadPath, workloadSets, seed))
            {
                return new ConfigError(c.Value.Location, c.SetPath,
                    $"'{c.Value.Value}' is too extreme for this workload: {SimTime.Overflow}; with {c.Ordinary} it runs");
            }
        }

        if (slow.Count > 1 && Finishes(designPath, [.. designSets, .. slow.Select(c => $"{c.SetPath}={c.Ordinary}")], workloadPath, workloadSets, seed))
        {
            return new ConfigError(slow[0].Value.Location, slow[0].SetPath,
                $"'{slow[0].Value.Value}' and {string.Join(", ", slow.Skip(1).Select(c => $"{c.SetPath} '{c.Value.Value}'"))} together are too extreme for this "
                + $"workload: {SimTime.Overflow}; with ordinary values ({string.Join(", ", slow.Select(c => c.Ordinary).Distinct())}) it runs");
        }

        return slow.Count == 0
            ? whole
            : whole with { Message = $"{SimTime.Overflow}: this workload is too large for that even with ordinary clocks, bandwidths and latencies" };
    }

    /// <summary>Every scalar that reads as a clock, a bandwidth or a time, with the <c>--set</c> path that replaces it.</summary>
    private static void Collect(ConfigMapping mapping, string path, List<Candidate> into)
    {
        foreach ((ConfigScalar key, ConfigNode value) in mapping.Entries)
        {
            string here = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
            switch (value)
            {
                case ConfigScalar { IsNull: false } scalar when Rank(scalar.Value) is (string ordinary, double slowness):
                    into.Add(new Candidate(here, scalar, ordinary, slowness));
                    break;
                case ConfigMapping inner:
                    Collect(inner, here, into);
                    break;
                case ConfigSequence list:
                    // List items are chosen by name in a --set path; an item without one cannot be set alone.
                    foreach (ConfigMapping item in list.Items.OfType<ConfigMapping>())
                    {
                        if (item["name"] is ConfigScalar { IsNull: false } name && name.Value.IndexOfAny(['[', ']', '.', '=']) < 0)
                        {
                            Collect(item, $"{here}[{name.Value}]", into);
                        }
                    }

                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>An ordinary value of the same kind, and how many times slower this one is than it.</summary>
    private static (string Ordinary, double Slowness)? Rank(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.EndsWith("B/cycle", StringComparison.Ordinal)
            && decimal.TryParse(trimmed[..^"B/cycle".Length], NumberStyles.Float, CultureInfo.InvariantCulture, out decimal perCycle) && perCycle > 0)
        {
            return ("64 B/cycle", (double)(64 / perCycle));
        }

        if (Frequency.TryParse(trimmed, out Frequency clock, out _) && clock.Hertz > 0)
        {
            return ("1 GHz", 1e9 / clock.Hertz);
        }

        if (Bandwidth.TryParse(trimmed, out Bandwidth rate, out _) && rate.BitsPerSecond > 0)
        {
            return ("100 GB/s", 8e11 / rate.BitsPerSecond);
        }

        return SimTime.TryParse(trimmed, out SimTime time, out _) ? ("100 ns", time.Picoseconds / 1e5) : null;
    }

    private static bool Finishes(string designPath, IReadOnlyList<string> designSets, string workloadPath, IReadOnlyList<string> workloadSets, int seed)
    {
        var diagnostics = new Diagnostics();
        try
        {
            ArchitectureConfig? design = ArchitectureLoader.Load(designPath, designSets, diagnostics);
            Workloads.Workload? workload = design is null ? null : WorkloadLoader.Load(workloadPath, workloadSets, diagnostics);
            if (design is null || workload is null || diagnostics.HasErrors)
            {
                return false;
            }

            return RunKinds.Run(design, workload, new RunOptions(FunctionalMode.Off, seed), diagnostics, _ => true, _ => true, _ => true);
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
