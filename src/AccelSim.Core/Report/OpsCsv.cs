using System.Globalization;
using AccelSim.Accelerator;
using AccelSim.Cost;
using CsvHelper;

namespace AccelSim.Report;

/// <summary>
/// <c>ops.csv</c>: one row per operation, columns named with their units (see the README's column table).
/// Byte counts are exact (a 4-bit element is half a byte), so they may have a fraction. Energies are dynamic; the
/// run's leakage is in summary.json.
/// </summary>
public static class OpsCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "op", "unit", "m", "n", "k", "repeat", "activation_format", "weight_format", "macs",
        "total_cycles", "compute_cycles", "stall_cycles", "utilization_pct", "roof_cycles", "bound",
        "sram_read_bytes", "sram_write_bytes", "dram_read_bytes", "dram_write_bytes",
        "dram_read_activation_bytes", "dram_read_weight_bytes", "sram_read_activation_bytes", "sram_read_weight_bytes", "sram_read_output_bytes",
        "energy_compute_uj", "energy_register_uj", "energy_sram_uj", "energy_dram_uj", "energy_pim_uj", "energy_link_uj", "energy_uj",
        "start_us", "latency_us", "functional_check", "sqnr_db", "functional_detail",
        "tile_m", "tile_n", "tile_k", "loop_order", "fold_streaming", "partial_sums_spill", "spatial_mapping",
    ];

    public static void Write(TextWriter output, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };
        using CsvWriter csv = CsvWriter.Create(output, options, true);
        csv.WriteHeader([.. Columns]);
        foreach (OpResult op in result.Ops)
        {
            bool gemm = op.Unit != "vector";
            csv.WriteRecord(
            [
                op.Name, op.Unit,
                gemm ? Invariant.Number(op.M) : "", gemm ? Invariant.Number(op.N) : "", gemm ? Invariant.Number(op.K) : "",
                Invariant.Number(op.Repeat), op.ActivationFormat, op.WeightFormat, Invariant.Number(op.Macs),
                Invariant.Number(op.TotalCycles), Invariant.Number(op.ComputeCycles), Invariant.Number(op.StallCycles),
                Invariant.Number(op.UtilizationPct, 3),
                op.Roof is { } roof ? Invariant.Number(roof.Cycles) : "", op.Roof?.Bound ?? "",
                Invariant.Number(op.SramRead.ExactBytes, 3), Invariant.Number(op.SramWritten.ExactBytes, 3),
                Invariant.Number(op.DramRead.ExactBytes, 3), Invariant.Number(op.DramWritten.ExactBytes, 3),
                Invariant.Number(op.Traffic.DramActivationReads.ExactBytes, 3), Invariant.Number(op.Traffic.DramWeightReads.ExactBytes, 3),
                Invariant.Number(op.Traffic.SramActivationReads.ExactBytes, 3), Invariant.Number(op.Traffic.SramWeightReads.ExactBytes, 3),
                Invariant.Number(op.Traffic.SramOutputReads.ExactBytes, 3),
                Energy(op, EnergyComponents.Compute), Energy(op, EnergyComponents.Register),
                Invariant.Number(op.Energy.Parts.Where(p => p.Key.StartsWith("sram.", StringComparison.Ordinal)).Sum(p => p.Value.Microjoules), 9),
                Energy(op, EnergyComponents.Dram), Energy(op, EnergyComponents.Pim), Energy(op, EnergyComponents.Link),
                Invariant.Number(op.Energy.Total.Microjoules, 9),
                Invariant.Number(op.Start.Nanoseconds / 1e3, 6), Invariant.Number(op.Latency.Nanoseconds / 1e3, 6),
                op.FunctionalCheck, Sqnr(op.Functional.SqnrDb), op.FunctionalDetail,
                .. MappingFields(op.Mapping),
            ]);
        }

        csv.Flush();
    }

    /// <summary>
    /// Tile sizes, loop order, whether folds stream across tiles, whether partial sums spill, and the array's spatial
    /// mapping; empty for vector operations.
    /// </summary>
    private static string[] MappingFields(TileChoice? m) => m is null
        ? ["", "", "", "", "", "", ""]
        : [Invariant.Number(m.TileM), Invariant.Number(m.TileN), Invariant.Number(m.TileK), m.Order.Name, m.StreamsFolds ? "yes" : "no", m.SpillsPartials ? "yes" : "no",
            m.Array.SpatialMapping];

    /// <summary>dB with two decimals, "inf" for an exact result, "nan" when the result or reference was not a number (an input of NaN or ∞), empty when not checked.</summary>
    public static string Sqnr(double? db) => db switch
    {
        null => "",
        double d when double.IsPositiveInfinity(d) => "inf",
        double d when double.IsNaN(d) || double.IsNegativeInfinity(d) => "nan",
        double d => Invariant.Signed(d, 2),
    };

    /// <summary>µJ to the pJ, as every file gives energy in µJ.</summary>
    private static string Energy(OpResult op, string component) => Invariant.Number(op.Energy[component].Microjoules, 9);
}
