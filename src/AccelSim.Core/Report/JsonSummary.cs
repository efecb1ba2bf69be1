using System.Text.Encodings.Web;
using System.Text.Json;
using AccelSim.Cost;
using AccelSim.Units;

namespace AccelSim.Report;

/// <summary>The figures every run kind reports, under the same keys and units in every <c>summary.json</c>.</summary>
internal sealed record SummaryTotals(
    SimTime Latency,
    long? Tokens,
    double? TokensPerSecond,
    EnergyBreakdown Energy,
    Energy? EnergyPerToken,
    Area Area,
    double? SqnrDb,
    int Mismatches,
    long? AccumulatorOverflows = null);

/// <summary>
/// The one schema of <c>summary.json</c>: a header (schema, run kind, version, design, workload, timing model), the
/// provenance and the resolved inputs, the shared totals (<see cref="SummaryTotals"/>), then a section named by the
/// run kind with what only that kind reports, then the notes. Times are µs, energies µJ, areas mm² throughout.
/// </summary>
internal static class JsonSummary
{
    public const string Schema = "accelsim-summary/2";

    public static Utf8JsonWriter Open(Stream output) =>
        new(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Writes the header, provenance, totals, and opens the run kind's section (close it with <see cref="Finish"/>).</summary>
    public static void Begin(Utf8JsonWriter json, RunProvenance provenance, string runKind, string design, string workload, string timingModel, SummaryTotals totals)
    {
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("run_kind", runKind);
        json.WriteString("accelsim_version", provenance.Version);
        json.WriteString("design", design);
        json.WriteString("workload", workload);
        json.WriteString("timing_model", timingModel);
        json.WriteString("cost_model", "estimate: activity counts priced by the technology table; see the README's energy model");
        json.WriteNumber("latency_us", Math.Round(totals.Latency.Nanoseconds / 1e3, 6));
        Nullable(json, "tokens", totals.Tokens);
        Nullable(json, "tokens_per_s", totals.TokensPerSecond is double tps ? Math.Round(tps, 3) : null);
        json.WriteNumber("energy_uj", Math.Round(totals.Energy.Total.Microjoules, 6));
        json.WriteNumber("energy_dynamic_uj", Math.Round(totals.Energy.Dynamic.Microjoules, 6));
        json.WriteNumber("energy_static_uj", Math.Round(totals.Energy.Static.Microjoules, 6));
        Nullable(json, "energy_per_token_uj", totals.EnergyPerToken is Energy e ? Math.Round(e.Microjoules, 6) : null);
        json.WriteStartObject("energy_by_component_uj");
        foreach ((string component, Energy part) in totals.Energy.Parts)
        {
            json.WriteNumber(component, Math.Round(part.Microjoules, 9));
        }

        json.WriteEndObject();
        json.WriteNumber("area_mm2", Math.Round(totals.Area.SquareMillimetres, 6));
        switch (totals.SqnrDb)
        {
            case null:
                json.WriteNull("sqnr_db");
                break;
            case double d when double.IsPositiveInfinity(d):
                json.WriteString("sqnr_db", "inf");
                break;
            case double d when double.IsNaN(d):
                json.WriteString("sqnr_db", "nan");
                break;
            case double d:
                json.WriteNumber("sqnr_db", Math.Round(d, 3));
                break;
        }

        json.WriteNumber("functional_mismatches", totals.Mismatches);
        Nullable(json, "accumulator_overflows", totals.AccumulatorOverflows);
        provenance.Write(json);
        json.WriteStartObject(runKind.Replace('-', '_'));
    }

    /// <summary>Closes the run kind's section and writes the notes.</summary>
    public static void Finish(Utf8JsonWriter json, IEnumerable<string> notes)
    {
        json.WriteEndObject();
        json.WriteStartArray("notes");
        foreach (string note in notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter json, string key, double? value)
    {
        if (value is double v)
        {
            json.WriteNumber(key, v);
        }
        else
        {
            json.WriteNull(key);
        }
    }
}
