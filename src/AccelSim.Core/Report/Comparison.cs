using AccelSim.Accelerator;
using AccelSim.Report.Charts;
using CsvHelper;

namespace AccelSim.Report;

/// <summary>One design's figures in a comparison, and its speed and energy relative to the first design.</summary>
public sealed record ComparisonRow(string Design, string PeKinds, RunResult Result, double Speedup, double EnergyRatio)
{
    /// <summary>Tokens per second of simulated time, for transformer workloads.</summary>
    public double? TokensPerSecond => Result.Tokens is long t && Result.Makespan.Seconds > 0 ? t / Result.Makespan.Seconds : null;
}

/// <summary>
/// <c>accelsim compare</c>: several designs on one workload (or each on its own, such as one model at the precision
/// each design is built for), as rows of one table (compare.csv) and a grouped bar
/// chart of speedup and energy normalised to the first design (compare.svg and compare.png).
/// </summary>
public static class Comparison
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "design", "pe_kinds", "workload", "cycles", "latency_us", "tops", "tokens_per_s", "energy_uj", "energy_static_uj", "energy_per_token_uj", "area_mm2",
        "tops_per_w", "tops_per_mm2", "sqnr_db", "speedup", "energy_vs_first", "mismatches",
    ];

    public static IReadOnlyList<ComparisonRow> Rows(IReadOnlyList<(string Design, string PeKinds, RunResult Result)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        RunResult first = runs[0].Result;
        return [.. runs.Select(r => new ComparisonRow(r.Design, r.PeKinds, r.Result,
            r.Result.Makespan.Picoseconds == 0 ? 0 : (double)first.Makespan.Picoseconds / r.Result.Makespan.Picoseconds,
            first.Energy.Total.Picojoules == 0 ? 0 : r.Result.Energy.Total.Picojoules / first.Energy.Total.Picojoules))];
    }

    public static void WriteCsv(TextWriter output, IReadOnlyList<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using CsvWriter csv = CsvWriter.Create(output, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteHeader([.. Columns]);
        foreach (ComparisonRow row in rows)
        {
            RunResult r = row.Result;
            csv.WriteRecord(
            [
                r.Design, row.PeKinds, r.Workload, Invariant.Number(r.Cycles), Invariant.Number(r.Makespan.Nanoseconds / 1e3, 6),
                Invariant.Number(r.Tops, 6), row.TokensPerSecond is double tps ? Invariant.Number(tps, 3) : "",
                Invariant.Number(r.Energy.Total.Microjoules, 3), Invariant.Number(r.Energy.Static.Microjoules, 3), r.EnergyPerToken is { } e ? Invariant.Number(e.Microjoules, 3) : "",
                Invariant.Number(r.TotalArea.SquareMillimetres, 4), Invariant.Number(r.TopsPerWatt, 6), Invariant.Number(r.TopsPerMm2, 6),
                OpsCsv.Sqnr(r.SqnrDb), Invariant.Number(row.Speedup, 4), Invariant.Number(row.EnergyRatio, 4), Invariant.Number(r.Mismatches),
            ]);
        }

        csv.Flush();
    }

    public static Chart Chart(IReadOnlyList<ComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string workload = rows.Select(r => r.Result.Workload).Distinct().Count() == 1 ? rows[0].Result.Workload : "each design on its own workload";
        return GroupedBarChart.Render(
            $"{workload}: speedup and energy against {rows[0].Design}",
            "design",
            $"ratio to {rows[0].Design} (×)",
            [.. rows.Select(r => new BarGroup(r.Design, [r.Speedup, r.EnergyRatio]))],
            ["speedup (latency⁻¹)", "energy"],
            referenceLine: 1);
    }
}
