using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AccelSim.Config.Yaml;

namespace AccelSim.Sweep;

/// <summary>
/// What a results directory holds (<c>sweep.json</c>): the sweep's name, spec file and fingerprint, its axis names
/// (the settings columns), its objectives, how many points the spec expands to and which shard this directory ran
/// (<c>1/1</c> for all). Resume and merge compare fingerprints so results of different specs never mix.
/// </summary>
public sealed record SweepManifest(string Name, string Spec, string Fingerprint, IReadOnlyList<string> Axes, IReadOnlyList<SweepObjective> Objectives, int Points, string Shard)
{
    public static SweepManifest For(SweepSpec spec, int points, string shard)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new SweepManifest(spec.Name, spec.File, spec.Fingerprint, [.. spec.Axes.Select(a => a.Name)], spec.Objectives, points, shard);
    }

    public void Write(string path)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteString("spec", Spec);
            json.WriteString("fingerprint", Fingerprint);
            json.WriteNumber("points", Points);
            json.WriteString("shard", Shard);
            json.WriteStartArray("axes");
            foreach (string axis in Axes)
            {
                json.WriteStringValue(axis);
            }

            json.WriteEndArray();
            json.WriteStartObject("objectives");
            foreach (SweepObjective objective in Objectives)
            {
                json.WriteString(objective.Metric, objective.Maximize ? "maximize" : "minimize");
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        ResultsJournal.Replace(path, Encoding.UTF8.GetString(stream.ToArray()) + "\n");
    }

    /// <summary>Reads a manifest; one that is not is reported at its file and null returned.</summary>
    public static SweepManifest? Read(string path, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = document.RootElement;
            var at = new SourceLocation(path, 1, 1);
            return new SweepManifest(
                root.GetProperty("name").GetString()!, root.GetProperty("spec").GetString()!, root.GetProperty("fingerprint").GetString()!,
                [.. root.GetProperty("axes").EnumerateArray().Select(a => a.GetString()!)],
                [.. root.GetProperty("objectives").EnumerateObject().Select(o => new SweepObjective(o.Name, o.Value.GetString() == "maximize", at))],
                root.GetProperty("points").GetInt32(), root.GetProperty("shard").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "", $"not a sweep manifest: {e.Message}");
            return null;
        }
    }
}
