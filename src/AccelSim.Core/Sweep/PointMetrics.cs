using AccelSim.Accelerator;
using AccelSim.Accelerator.Moe;
using AccelSim.Accelerator.Pim;
using AccelSim.Cost;
using AccelSim.Units;

namespace AccelSim.Sweep;

/// <summary>
/// The figures every sweep point reports, whatever ran it (an operation workload, a batched decode, a MoE decode),
/// so one results table holds them all. A figure a run does not produce (tokens for a GEMM trace, TOPS for a MoE
/// decode, whose expert MACs are not counted) is left empty, never zero.
/// </summary>
public static class PointMetrics
{
    /// <summary>The energy components of the whole run, one per line of the breakdown (all SRAM buffers as one).</summary>
    public static IReadOnlyList<(string Column, string Component)> EnergyParts { get; } =
    [
        ("energy_compute_uj", EnergyComponents.Compute), ("energy_register_uj", EnergyComponents.Register), ("energy_sram_uj", "sram"),
        ("energy_dram_uj", EnergyComponents.Dram), ("energy_pim_uj", EnergyComponents.Pim), ("energy_link_uj", EnergyComponents.Link),
        ("energy_host_memory_uj", EnergyComponents.Host), ("energy_leakage_uj", EnergyComponents.Leakage),
        ("energy_dram_background_uj", EnergyComponents.DramBackground),
    ];

    public static IReadOnlyList<MetricColumn> Columns { get; } =
    [
        new("latency_us", "latency (µs)", false),
        new("tokens", "tokens", true),
        new("tokens_per_s", "throughput (tokens/s)", true),
        new("energy_uj", "energy (µJ)", false),
        new("energy_per_token_uj", "energy per token (µJ/token)", false),
        new("energy_dynamic_uj", "dynamic energy (µJ)", false),
        new("energy_static_uj", "static energy (leakage + DRAM background, µJ)", false),
        new("power_w", "average power (W)", false),
        new("area_mm2", "area (mm²)", false),
        new("tops", "throughput (TOPS)", true),
        new("tops_per_w", "efficiency (TOPS/W)", true),
        new("tops_per_mm2", "area efficiency (TOPS/mm²)", true),
        new("sqnr_db", "SQNR (dB)", true),
        new("mismatches", "functional mismatches", false),
        .. EnergyParts.Select(p => new MetricColumn(p.Column, $"{p.Component} energy (µJ)", false)),
    ];

    public static MetricColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public static IReadOnlyDictionary<string, double?> From(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Build(result.Makespan, result.Tokens, result.Energy, result.TotalArea, result.Macs, result.SqnrDb, result.Mismatches);
    }

    public static IReadOnlyDictionary<string, double?> From(DecodeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double signal = result.Checks.Sum(c => c.Outcome.Signal), noise = result.Checks.Sum(c => c.Outcome.Noise);
        double? sqnr = result.Checks.Sum(c => c.Outcome.Outputs) == 0 ? null : FunctionalOutcome.Sqnr(signal, noise);
        return Build(result.Makespan, result.Tokens, result.Energy, result.TotalArea, result.NpuMacs + result.PimMacs, sqnr, result.Mismatches);
    }

    public static IReadOnlyDictionary<string, double?> From(OffloadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Dictionary<string, double?> metrics = Build(result.Latency, result.Tokens, result.Energy, result.Area, null, result.LayerSqnrDb, result.Mismatches);
        // Decode throughput leaves the prompt's prefill out, as the MoE report does.
        metrics["tokens_per_s"] = Significant(result.TokensPerSecond);
        return metrics;
    }

    private static Dictionary<string, double?> Build(SimTime latency, long? tokens, EnergyBreakdown energy, Area area, long? macs, double? sqnr, int mismatches)
    {
        double seconds = latency.Seconds, joules = energy.Total.Joules, mm2 = area.SquareMillimetres;
        double? ops = macs is long m ? 2.0 * m : null;
        double? tops = ops is double o && seconds > 0 ? o / seconds / 1e12 : null;
        var metrics = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["latency_us"] = seconds * 1e6,
            ["tokens"] = tokens,
            ["tokens_per_s"] = tokens is long n && seconds > 0 ? n / seconds : null,
            ["energy_uj"] = energy.Total.Microjoules,
            ["energy_per_token_uj"] = tokens is long k && k > 0 ? energy.Total.Microjoules / k : null,
            ["energy_dynamic_uj"] = energy.Dynamic.Microjoules,
            ["energy_static_uj"] = energy.Static.Microjoules,
            ["power_w"] = seconds > 0 ? joules / seconds : null,
            ["area_mm2"] = mm2,
            ["tops"] = tops,
            ["tops_per_w"] = ops is double p && joules > 0 ? p / joules / 1e12 : null,
            ["tops_per_mm2"] = tops is double q && mm2 > 0 ? q / mm2 : null,
            ["sqnr_db"] = sqnr,
            ["mismatches"] = mismatches,
        };
        foreach ((string column, string component) in EnergyParts)
        {
            double pj = energy.Parts.Where(e => e.Key == component || (component == "sram" && e.Key.StartsWith("sram.", StringComparison.Ordinal))).Sum(e => e.Value.Picojoules);
            metrics[column] = pj / 1e6;
        }

        foreach (string name in metrics.Keys.ToList())
        {
            metrics[name] = Significant(metrics[name]);
        }

        return metrics;
    }

    /// <summary>
    /// Twelve significant digits: far finer than any model here is accurate, and coarse enough that the results files
    /// read 2345.695376 rather than the 2345.6953759999997 a sum of doubles leaves. Done once, here, so the front, the
    /// journal and a resumed run all see the same values.
    /// </summary>
    private static double? Significant(double? value) => value is double v && double.IsFinite(v) && v != 0
        ? Math.Round(v, Math.Clamp(11 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15))
        : value;
}
