using System.Globalization;
using AccelSim.Config.Yaml;

namespace AccelSim.Config;

/// <summary>
/// Reads a SCALE-Sim v2 <c>.cfg</c> as is and maps it onto an AccelSim design: one systolic array of
/// ArrayHeight×ArrayWidth with its dataflow, double-buffered ifmap/filter/ofmap SRAMs of the given sizes, INT8
/// operands and one-byte partial sums in the ofmap SRAM (SCALE-Sim's one-byte words), a 1 GHz clock (SCALE-Sim has none), and memory that never stalls for
/// <c>InterfaceBandwidth: CALC</c> or a one-channel DRAM of Bandwidth bytes per cycle for <c>USER</c>. Keys it
/// does not use are listed in the design's notes. The design is built as a YAML document located in the .cfg, so it
/// is checked, and can be overridden with <c>--set</c>, like any other.
/// </summary>
public static class ScaleSimConfigImport
{
    private static readonly HashSet<string> Used =
    [
        "run_name", "ArrayHeight", "ArrayWidth", "IfmapSramSzkB", "FilterSramSzkB", "OfmapSramSzkB", "Dataflow", "Bandwidth", "InterfaceBandwidth",
    ];

    public static ArchitectureConfig? Load(string path, IReadOnlyList<string> overrides, Diagnostics diagnostics)
    {
        if (!InputText.TryRead(path, InputText.MaxYamlBytes, out string text, out string error))
        {
            diagnostics.Add(new SourceLocation(path, 1, 1), "", error);
            return null;
        }

        diagnostics.Read(path);
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');

        var values = new Dictionary<string, ConfigScalar>(StringComparer.Ordinal);
        var ignored = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or ';' or '[')
            {
                continue;
            }

            int separator = line.IndexOfAny([':', '=']);
            if (separator <= 0)
            {
                diagnostics.Add(new SourceLocation(path, i + 1, 1), "", $"expected 'Key: value', found '{line}'");
                continue;
            }

            string key = line[..separator].Trim();
            string value = line[(separator + 1)..].Trim();
            int column = lines[i].IndexOf(value, separator, StringComparison.Ordinal) + 1;
            values[key] = new ConfigScalar(value, new SourceLocation(path, i + 1, Math.Max(1, column)));
            if (!Used.Contains(key))
            {
                ignored.Add(key);
            }
        }

        var root = new ConfigMapping(new SourceLocation(path, 1, 1));
        ConfigScalar Lit(string text) => new(text, root.Location);
        ConfigScalar From(string key, Func<string, string> map, string fallback)
        {
            if (values.TryGetValue(key, out ConfigScalar? scalar))
            {
                return new ConfigScalar(map(scalar.Value), scalar.Location);
            }

            diagnostics.Add(root.Location, key, "required SCALE-Sim key is missing");
            return Lit(fallback);
        }

        void Put(ConfigMapping map, string key, ConfigNode value) => map.Set(Lit(key), value);

        string name = values.TryGetValue("run_name", out ConfigScalar? run) ? run.Value : Path.GetFileNameWithoutExtension(path);
        Put(root, "name", Lit(name));
        Put(root, "clock", Lit("1 GHz"));
        var array = new ConfigMapping(root.Location);
        Put(array, "name", Lit("array"));
        Put(array, "kind", Lit("systolic"));
        Put(array, "rows", From("ArrayHeight", v => v, "1"));
        Put(array, "columns", From("ArrayWidth", v => v, "1"));
        Put(array, "dataflow", From("Dataflow", v => v.ToLowerInvariant(), "ws"));
        Put(array, "activation_formats", Lit("int8"));
        Put(array, "weight_formats", Lit("int8"));
        Put(array, "partial_sum_bits", Lit("8"));
        Put(root, "compute", new ConfigSequence([array], root.Location));

        // SCALE-Sim's SRAMs feed the array whatever it asks for; a port as wide as a row plus a column of 32-bit words keeps it so.
        int rows = ParseOr(values, "ArrayHeight");
        int columns = ParseOr(values, "ArrayWidth");
        string port = $"{Math.Max(1, rows + columns) * 4} B/cycle";
        ConfigMapping Buffer(string bufferName, string key, string holds)
        {
            var buffer = new ConfigMapping(root.Location);
            Put(buffer, "name", Lit(bufferName));
            Put(buffer, "capacity", From(key, v => $"{v} KiB", "1 KiB"));
            Put(buffer, "read_bandwidth", Lit(port));
            Put(buffer, "write_bandwidth", Lit(port));
            Put(buffer, "double_buffered", Lit("true"));
            Put(buffer, "holds", Lit(holds));
            return buffer;
        }

        Put(root, "buffers", new ConfigSequence(
            [Buffer("ifmap", "IfmapSramSzkB", "activations"), Buffer("filter", "FilterSramSzkB", "weights"), Buffer("ofmap", "OfmapSramSzkB", "outputs")],
            root.Location));

        var memory = new ConfigMapping(root.Location);
        ConfigScalar mode = From("InterfaceBandwidth", v => v, "CALC");
        if (mode.Value.Equals("USER", StringComparison.OrdinalIgnoreCase))
        {
            Put(memory, "kind", Lit("dram"));
            Put(memory, "channels", Lit("1"));
            Put(memory, "bandwidth", From("Bandwidth", v => $"{v} GB/s", "1 GB/s"));
            Put(memory, "latency", Lit("0 ns"));
        }
        else if (mode.Value.Equals("CALC", StringComparison.OrdinalIgnoreCase))
        {
            Put(memory, "kind", Lit("ideal"));
        }
        else
        {
            diagnostics.Add(mode.Location, "InterfaceBandwidth", $"'{mode.Value}' is not CALC or USER");
            Put(memory, "kind", Lit("ideal"));
        }

        // SCALE-Sim names no memory technology; LPDDR4 is the DRAM of Timeloop/Accelergy's example designs.
        Put(memory, "technology", Lit("lpddr4"));
        Put(root, "memory", memory);
        SetOverrides.Apply(root, overrides, diagnostics);
        MappingReader reader = MappingReader.Open(root, "", diagnostics)!;
        var notes = new List<string>
        {
            "SCALE-Sim config: operands and ofmap words taken as 1 byte (SCALE-Sim's words: INT8 operands, 8-bit partial sums in the ofmap SRAM), clock taken as 1 GHz, SRAM sizes in kB read as KiB",
            "SCALE-Sim config: off-chip traffic priced as LPDDR4 (SCALE-Sim names no memory technology)",
            mode.Value.Equals("USER", StringComparison.OrdinalIgnoreCase)
                ? "SCALE-Sim config: InterfaceBandwidth USER mapped to one DRAM channel of Bandwidth bytes/cycle at 1 GHz, no latency"
                : "SCALE-Sim config: InterfaceBandwidth CALC mapped to memory that never stalls",
        };
        if (ignored.Count > 0)
        {
            notes.Add($"SCALE-Sim config: ignored keys {string.Join(", ", ignored)}");
        }

        ArchitectureConfig design = ArchitectureLoader.Read(reader, path, notes);
        reader.Finish();
        if (!diagnostics.HasErrors)
        {
            ArchitectureLoader.Check(design, root.Location, diagnostics);
        }
        return diagnostics.HasErrors ? null : design;
    }

    private static int ParseOr(Dictionary<string, ConfigScalar> values, string key) =>
        values.TryGetValue(key, out ConfigScalar? s) && int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 1;
}
