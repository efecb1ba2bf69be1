using System.Security.Cryptography;
using System.Text.Json;
using AccelSim.Config.Yaml;

namespace AccelSim.Report;

/// <summary>A file a run read: its path relative to the directory the command ran in, and the SHA-256 of its bytes.</summary>
public sealed record RunInput(string Path, string Sha256);

/// <summary>
/// What a run was, so that its summary can be reproduced and told apart from another's: the tool version, every
/// file it read (design, presets, technology tables, workload, model shapes, traces) with content hashes, every
/// <c>--set</c>, the seed and functional mode, and the design and workload as resolved (presets merged, overrides
/// applied) as data.
/// </summary>
public sealed record RunProvenance(
    string Version,
    IReadOnlyList<RunInput> Inputs,
    IReadOnlyList<string> DesignOverrides,
    IReadOnlyList<string> WorkloadOverrides,
    int Seed,
    string Functional,
    ConfigNode? Design,
    ConfigNode? Workload)
{
    /// <param name="read">The full paths of the files the loaders read (<see cref="Diagnostics.Sources"/>).</param>
    public static RunProvenance Of(string version, IEnumerable<string> read, string designPath, string workloadPath,
        IReadOnlyList<string> designOverrides, IReadOnlyList<string> workloadOverrides, int seed, string functional)
    {
        ArgumentNullException.ThrowIfNull(read);
        string here = Directory.GetCurrentDirectory();
        List<RunInput> inputs = [.. read.Concat([Path.GetFullPath(designPath), Path.GetFullPath(workloadPath)]).Distinct().Where(File.Exists)
            .Select(f => new RunInput(Path.GetRelativePath(here, f), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))))
            .OrderBy(i => i.Path, StringComparer.Ordinal)];
        return new RunProvenance(version, inputs, designOverrides, workloadOverrides, seed, functional,
            Resolved(designPath, designOverrides), Resolved(workloadPath, workloadOverrides));
    }

    /// <summary>A YAML input after its overrides and presets, as the loaders read it; null for a .cfg or .csv.</summary>
    private static ConfigMapping? Resolved(string path, IReadOnlyList<string> overrides) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? MappingReader.OpenDocument(path, overrides, new Diagnostics())?.Mapping
            : null;

    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject("provenance");
        json.WriteString("accelsim_version", Version);
        json.WriteStartArray("inputs");
        foreach (RunInput input in Inputs)
        {
            json.WriteStartObject();
            json.WriteString("path", input.Path);
            json.WriteString("sha256", input.Sha256);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("overrides");
        foreach (string set in DesignOverrides.Select(s => $"arch.{s}").Concat(WorkloadOverrides.Select(s => $"workload.{s}")))
        {
            json.WriteStringValue(set);
        }

        json.WriteEndArray();
        json.WriteNumber("seed", Seed);
        json.WriteString("functional", Functional);
        json.WriteString("names", DesignOverrides.Count + WorkloadOverrides.Count == 0
            ? "the design's and workload's names are their files' own"
            : "the design's and workload's names are their files' own; the overrides above are not in them (resolved has the values run)");
        json.WriteEndObject();
        json.WriteStartObject("resolved");
        WriteNode(json, "design", Design);
        WriteNode(json, "workload", Workload);
        json.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter json, string? name, ConfigNode? node)
    {
        if (name is not null)
        {
            json.WritePropertyName(name);
        }

        switch (node)
        {
            case ConfigMapping map:
                json.WriteStartObject();
                foreach ((ConfigScalar key, ConfigNode value) in map.Entries)
                {
                    WriteNode(json, key.Value, value);
                }

                json.WriteEndObject();
                break;
            case ConfigSequence list:
                json.WriteStartArray();
                foreach (ConfigNode item in list.Items)
                {
                    WriteNode(json, null, item);
                }

                json.WriteEndArray();
                break;
            case ConfigScalar { IsNull: false } scalar:
                json.WriteStringValue(scalar.Value);
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }
}
