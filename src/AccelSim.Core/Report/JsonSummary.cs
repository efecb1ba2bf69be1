using System.Text.Encodings.Web;
using System.Text.Json;
using AccelSim.Cost;
using AccelSim.Units;

namespace AccelSim.Report;

/// <summary>The parts every <c>summary.json</c> shares: the writer's settings, the header, energy by component and the notes.</summary>
internal static class JsonSummary
{
    public static Utf8JsonWriter Open(Stream output) =>
        new(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static void Header(Utf8JsonWriter json, string version, string design, string workload, string model)
    {
        json.WriteString("accelsim_version", version);
        json.WriteString("design", design);
        json.WriteString("workload", workload);
        json.WriteString("model", model);
    }

    public static void Energy(Utf8JsonWriter json, EnergyBreakdown energy)
    {
        StaticAndDynamic(json, energy);
        json.WriteStartObject("energy_by_component_uj");
        foreach ((string component, Energy part) in energy.Parts)
        {
            json.WriteNumber(component, Math.Round(part.Microjoules, 6));
        }

        json.WriteEndObject();
    }

    /// <summary>What activity cost and what time cost (leakage and DRAM background), apart.</summary>
    public static void StaticAndDynamic(Utf8JsonWriter json, EnergyBreakdown energy)
    {
        json.WriteNumber("energy_dynamic_uj", Math.Round(energy.Dynamic.Microjoules, 6));
        json.WriteNumber("energy_static_uj", Math.Round(energy.Static.Microjoules, 6));
    }

    public static void Notes(Utf8JsonWriter json, IEnumerable<string> notes)
    {
        json.WriteStartArray("notes");
        foreach (string note in notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
    }
}
