using System.Globalization;
using System.Reflection;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Units;

namespace AccelSim.Config;

/// <summary>
/// Reads technology tables: the built-in ones (arch-configs/tech/*.yaml, compiled into the library so a design
/// anywhere can say <c>technology: 7 nm</c>) or a table file a design names. A table either lists its figures or
/// names a <c>base</c> table, which is scaled to its node and voltage by Stillmaker-Baas, and then overrides
/// any entry it lists. A design's <c>costs:</c> section overrides entries the same way.
/// </summary>
public static class TechTableLoader
{
    private const string ResourcePrefix = "tech/";

    /// <summary>
    /// The built-in tables' text, in name order: part of a sweep's fingerprint, so results priced by a table that a
    /// later AccelSim changed are not resumed as if they were current.
    /// </summary>
    public static IEnumerable<byte[]> BuiltInTables()
    {
        var assembly = typeof(TechTableLoader).Assembly;
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return copy.ToArray();
        }
    }
    private const string ShippedFolder = "arch-configs/tech/";
    private const int MaxDepth = 8;
    private static readonly string[] PerArea = ["/mm2", "/mm²"];

    // Built-in tables are immutable and read once per process: every design load would otherwise parse two files.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, TechTable> BuiltInCache = new();

    /// <summary>The built-in nodes, e.g. "7 nm".</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
    [
        .. typeof(TechTableLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith("nm.yaml", StringComparison.Ordinal))
            .Select(n => int.Parse(n[ResourcePrefix.Length..^"nm.yaml".Length], CultureInfo.InvariantCulture))
            .Order()
            .Select(n => $"{n} nm"),
    ];

    /// <summary>
    /// The table <paramref name="technology"/> names: a node such as "28 nm" (built in) or a YAML file, relative
    /// to <paramref name="referencingFile"/>. Errors are reported at <paramref name="at"/> under <paramref name="key"/>.
    /// </summary>
    public static TechTable? Load(string technology, SourceLocation at, string key, string referencingFile, Diagnostics diagnostics) =>
        Load(technology, at, key, referencingFile, diagnostics, 0);

    /// <summary>The built-in table of a node, for code and tests; throws when there is none.</summary>
    public static TechTable BuiltInTable(int nanometres)
    {
        var diagnostics = new Diagnostics();
        return Load($"{nanometres} nm", default, "technology", "", diagnostics)
            ?? throw new InvalidOperationException(string.Join("; ", diagnostics.Errors));
    }

    private static TechTable? Load(string technology, SourceLocation at, string key, string referencingFile, Diagnostics diagnostics, int depth)
    {
        if (depth > MaxDepth)
        {
            diagnostics.Add(at, key, $"technology tables name each other as base more than {MaxDepth} deep (a cycle?)");
            return null;
        }

        string text = technology.Trim();
        if (text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            string? path = IncludedFile.Find(referencingFile, text, out string missing);
            if (path is null)
            {
                diagnostics.Add(at, key, $"technology table: {missing}");
                return null;
            }

            return Read(YamlSource.LoadFile(path, diagnostics), path, diagnostics, depth);
        }

        if (!ParseNode(text, out int node, out string error))
        {
            diagnostics.Add(at, key, $"{error}, or a technology table file (.yaml)");
            return null;
        }

        if (BuiltInCache.TryGetValue(node, out TechTable? cached))
        {
            return cached;
        }

        using Stream? stream = typeof(TechTableLoader).Assembly.GetManifestResourceStream($"{ResourcePrefix}{node}nm.yaml");
        if (stream is null)
        {
            diagnostics.Add(at, key, $"no built-in technology table for {node} nm; built in: {string.Join(", ", BuiltIn)}; "
                + "or name a table file that scales one (base: 45 nm, node: ...)");
            return null;
        }

        string file = $"{ShippedFolder}{node}nm.yaml";
        using var reader = new StreamReader(stream);
        var own = new Diagnostics();
        TechTable? table = Read(YamlSource.Load(file, reader.ReadToEnd(), own), file, own, depth);
        foreach (ConfigError e in own.Errors)
        {
            diagnostics.Add(e);
        }

        return table is null || own.HasErrors ? table : BuiltInCache.GetOrAdd(node, table);
    }

    private static TechTable? Read(ConfigNode? root, string file, Diagnostics diagnostics, int depth)
    {
        MappingReader? reader = MappingReader.Open(root, "", diagnostics);
        if (reader is null)
        {
            return null;
        }

        string name = reader.String("name", required: true, meaning: "the table's name, used in reports");
        int node = reader.Value<int>("node", ParseNode, 45, required: true, meaning: "process node, e.g. 7 nm");
        double vdd = reader.Value<double>("vdd", ParseVolts, 0.9, required: true, meaning: "supply voltage, e.g. 0.9 V");
        if (!NodeScaling.Covers(node))
        {
            reader.Error("node", $"{node} nm is outside the {NodeScaling.SmallestNode}-{NodeScaling.LargestNode} nm that Stillmaker-Baas scaling covers");
            node = 45;
        }

        TechTable start = TechTable.Empty(name, file, node, vdd);
        if (reader.Has("base"))
        {
            ConfigNode baseNode = reader.Mapping["base"]!;
            TechTable? baseTable = Load(reader.String("base"), baseNode.Location, "base", file, diagnostics, depth + 1);
            if (baseTable is not null)
            {
                start = baseTable.ScaledTo(name, file, node, vdd);
            }
        }

        TechTable table = ReadEntries(reader, start, requireMissing: true);
        reader.Finish();
        return table;
    }

    /// <summary>
    /// Reads the cost entries of a table or of a design's <c>costs:</c> section; each entry given replaces the one in
    /// <paramref name="fallback"/>. With <paramref name="requireMissing"/>, register figures the fallback lacks must be
    /// given; otherwise gaps are left for the design check to report as unpriced. A new memory or SRAM rule is always given whole.
    /// </summary>
    public static TechTable ReadEntries(MappingReader reader, TechTable fallback, bool requireMissing)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fallback);
        TechTable table = fallback with
        {
            IntAdd = Datapath(reader, "int_add", "width", SizeOfWidth, fallback.IntAdd),
            IntMultiply = Datapath(reader, "int_multiply", "operands", SizeOfOperands, fallback.IntMultiply),
            FpAdd = Datapath(reader, "fp_add", "format", SizeOfFpAdd, fallback.FpAdd),
            FpMultiply = Datapath(reader, "fp_multiply", "format", SizeOfFpMultiply, fallback.FpMultiply),
            Shift = Datapath(reader, "shift", "width", SizeOfWidth, fallback.Shift),
        };
        reader.Section("register", r =>
        {
            table = table with
            {
                RegisterPerBit = r.Value<Energy?>("energy_per_bit", ParseEnergy, table.RegisterPerBit, required: requireMissing && table.RegisterPerBit is null, meaning: "e.g. 0.009 pJ"),
                RegisterAreaPerBit = r.Value<Area?>("area_per_bit", ParseArea, table.RegisterAreaPerBit, required: requireMissing && table.RegisterAreaPerBit is null, meaning: "e.g. 5.98 um2"),
            };
            return r;
        });
        reader.Section("mux", r =>
        {
            table = table with
            {
                MuxPerBit = r.Value<Energy?>("energy_per_bit", ParseEnergy, table.MuxPerBit, required: requireMissing && table.MuxPerBit is null, meaning: "e.g. 0.0016 pJ"),
                MuxAreaPerBit = r.Value<Area?>("area_per_bit", ParseArea, table.MuxAreaPerBit, required: requireMissing && table.MuxAreaPerBit is null, meaning: "e.g. 1.93 um2"),
            };
            return r;
        });
        reader.Section("sram", r =>
        {
            table = table with { Sram = ReadSram(r, table.Sram) };
            return r;
        });
        reader.Section("leakage", r =>
        {
            table = table with
            {
                LogicLeakageWattsPerMm2 = r.Value<double?>("logic", ParseDensity, table.LogicLeakageWattsPerMm2, meaning: "e.g. 11.7 mW/mm2"),
                SramLeakageWattsPerMm2 = r.Value<double?>("sram", ParseDensity, table.SramLeakageWattsPerMm2, meaning: "e.g. 61.6 mW/mm2"),
            };
            r.Section("sram_cells", cells =>
            {
                var factors = new Dictionary<string, SramCells>(table.SramCellLeakage);
                foreach ((ConfigScalar flavour, _) in cells.Mapping.Entries)
                {
                    SramCells old = factors.GetValueOrDefault(flavour.Value) ?? new SramCells(1, 1);
                    SramCells? read = cells.Section(flavour.Value, f => new SramCells(
                        f.Value<double>("leakage", ParseRatio, old.Leakage, meaning: "leakage as a multiple of the sram figure's (hp cells)"),
                        f.Value<double>("gated", ParseRatio, old.Gated, meaning: "the further multiple with array power gating")));
                    if (read is not null)
                    {
                        factors[flavour.Value] = read;
                    }
                }

                table = table with { SramCellLeakage = factors };
                return cells;
            });
            return r;
        });
        reader.Section("memories", r =>
        {
            var memories = new Dictionary<string, DramRule>(table.Memories);
            foreach ((ConfigScalar key, _) in r.Mapping.Entries)
            {
                DramRule? old = memories.GetValueOrDefault(key.Value);
                DramRule? rule = r.Section(key.Value, m => new DramRule(
                    m.Value<Energy>("read", ParsePerBit, old?.ReadPerBit ?? default, required: old is null, meaning: "e.g. 3.9 pJ/bit"),
                    m.Value<Energy>("write", ParsePerBit, old?.WritePerBit ?? default, required: old is null, meaning: "e.g. 3.9 pJ/bit"),
                    m.Value<Energy?>("activation", ParseEnergy, old?.Activation, meaning: "energy of one row activation, e.g. 830 pJ"),
                    m.Value<Energy?>("pim_access", (string t, out Energy? e, out string error) =>
                    {
                        bool ok = ParsePerBit(t, out Energy value, out error);
                        e = value;
                        return ok;
                    }, old?.PimAccessPerBit, meaning: "energy per bit a PIM unit reads from a row buffer, e.g. 0.39 pJ/bit"))
                {
                    IoPerBit = m.Value<Energy>("io", ParsePerBit, old?.IoPerBit ?? default, meaning: "interface energy per bit either way, e.g. 2.2 pJ/bit"),
                    Row = m.Value<ByteSize?>("row", ParseRow, old?.Row, meaning: "the row one activation opens, e.g. 1 KiB"),
                    Background = m.Value<Power?>("background", ParsePower, old?.Background, meaning: "standby and refresh power per channel, e.g. 81.6 mW"),
                    ChannelBits = m.Int("channel_bits", 1, 4096, old?.ChannelBits ?? 1, meaning: "data pins of the channel the background power is for"),
                });
                if (rule is not null)
                {
                    memories[key.Value] = rule;
                }
            }

            table = table with { Memories = memories };
            return r;
        });
        reader.Section("links", r =>
        {
            var links = new Dictionary<string, Energy>(table.Links);
            foreach ((ConfigScalar key, _) in r.Mapping.Entries)
            {
                links[key.Value] = r.Value<Energy>(key.Value, ParsePerBit, default, meaning: "e.g. 5 pJ/bit");
            }

            table = table with { Links = links };
            return r;
        });
        return table;
    }

    private static DatapathRule? Datapath(MappingReader reader, string key, string sizeKey, ScalarParser<double> size, DatapathRule? fallback)
    {
        if (!reader.Has(key))
        {
            return fallback;
        }

        var energy = new List<CostPoint>();
        var area = new List<CostPoint>();
        reader.Items(key, point =>
        {
            double at = point.Value<double>(sizeKey, size, 0, required: true);
            energy.Add(new CostPoint(at, point.Value<Energy>("energy", ParseEnergy, default, required: true, meaning: "e.g. 0.2 pJ").Picojoules));
            area.Add(new CostPoint(at, point.Value<Area>("area", ParseArea, default, required: true, meaning: "e.g. 282 um2").SquareMicrometres));
            return point;
        });
        try
        {
            return new DatapathRule(new LinearRule(energy), new LinearRule(area));
        }
        catch (ArgumentException)
        {
            reader.Error(key, $"needs one or more points, no two with the same {sizeKey}, whose energy and area do not fall as the size grows");
            return fallback;
        }
    }

    private static SramRule? ReadSram(MappingReader r, SramRule? old)
    {
        // A first SRAM rule must be whole: a missing write ratio or area would silently read as a default.
        bool fresh = old is null;
        PowerLawRule? energy = old?.ReadPjPerBit;
        if (r.Has("read_energy") || fresh)
        {
            var points = new List<CostPoint>();
            r.Items("read_energy", point =>
            {
                ByteSize capacity = point.Value<ByteSize>("capacity", ByteSize.TryParse, default, required: true, meaning: "capacity of one bank, e.g. 8 KiB");
                int width = point.Int("width", 1, 65536, 64, required: true, meaning: "bits per access");
                double pj = point.Value<Energy>("energy", ParseEnergy, default, required: true, meaning: "energy of one access, e.g. 10 pJ").Picojoules;
                points.Add(new CostPoint(capacity.Bits, pj / width));
                return point;
            }, required: true, meaning: "cited read energies: capacity, width and energy per access");
            try
            {
                energy = new PowerLawRule(points);
            }
            catch (ArgumentException)
            {
                if (points.Count > 0)
                {
                    r.Error("read_energy", "needs points with distinct capacities and positive energies per bit that do not fall as capacity grows");
                }
            }
        }

        double writeToRead = r.Value<double>("write_to_read", ParseRatio, old?.WriteToRead ?? 1, required: fresh, meaning: "write energy ÷ read energy");
        double cell = r.Value<Area>("cell_area_per_bit", ParseArea, new Area(old?.CellUm2PerBit ?? 0), required: fresh, meaning: "e.g. 0.29 um2").SquareMicrometres;
        double port = r.Value<Area>("port_area_per_bit", ParseArea, new Area(old?.PortUm2PerBit ?? 0), required: fresh, meaning: "e.g. 71 um2").SquareMicrometres;
        return energy is null ? old : new SramRule(energy, writeToRead, cell, port);
    }

    /// <summary>Parses a process node such as "7 nm".</summary>
    public static bool ParseNode(string text, out int nanometres, out string error)
    {
        nanometres = 0;
        error = $"expected a process node with its unit, e.g. '7 nm', found '{text}'";
        string trimmed = text.Trim();
        return trimmed.EndsWith("nm", StringComparison.Ordinal)
            && int.TryParse(trimmed[..^2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out nanometres) && nanometres is >= 1 and <= 500;
    }

    private static bool ParseVolts(string text, out double volts, out string error)
    {
        volts = 0;
        error = $"expected a voltage with its unit, e.g. '0.9 V', found '{text}'";
        string trimmed = text.Trim();
        return trimmed.EndsWith('V')
            && double.TryParse(trimmed[..^1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out volts) && volts is > 0.3 and < 2;
    }

    private static bool ParseRatio(string text, out double ratio, out string error)
    {
        error = $"expected a positive number, found '{text}'";
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) && ratio > 0 && double.IsFinite(ratio);
    }

    private static bool ParseEnergy(string text, out Energy energy, out string error) => Energy.TryParse(text, out energy, out error);

    private static bool ParseEnergy(string text, out Energy? energy, out string error)
    {
        bool ok = Energy.TryParse(text, out Energy e, out error);
        energy = e;
        return ok;
    }

    private static bool ParseArea(string text, out Area area, out string error) => Area.TryParse(text, out area, out error);

    private static bool ParseArea(string text, out Area? area, out string error)
    {
        bool ok = Area.TryParse(text, out Area a, out error);
        area = a;
        return ok;
    }

    private static bool ParseRow(string text, out ByteSize? row, out string error)
    {
        bool ok = ByteSize.TryParse(text, out ByteSize size, out error) && size.Bits > 0;
        row = size;
        if (!ok && error.Length == 0)
        {
            error = $"expected a positive size, e.g. '1 KiB', found '{text}'";
        }

        return ok;
    }

    private static bool ParsePower(string text, out Power? power, out string error)
    {
        bool ok = Power.TryParse(text, out Power p, out error) && p.Watts >= 0;
        power = p;
        return ok;
    }

    private static bool ParsePerBit(string text, out Energy energy, out string error)
    {
        energy = default;
        string trimmed = text.Trim();
        if (!trimmed.EndsWith("/bit", StringComparison.Ordinal))
        {
            error = $"expected an energy per bit, e.g. '3.9 pJ/bit', found '{text}'";
            return false;
        }

        return Energy.TryParse(trimmed[..^4], out energy, out error);
    }

    private static bool ParseDensity(string text, out double? wattsPerMm2, out string error)
    {
        wattsPerMm2 = null;
        string trimmed = text.Trim();
        string? per = PerArea.FirstOrDefault(s => trimmed.EndsWith(s, StringComparison.Ordinal));
        if (per is null)
        {
            error = $"expected a power per area, e.g. '11.7 mW/mm2', found '{text}'";
            return false;
        }

        bool ok = Power.TryParse(trimmed[..^per.Length], out Power power, out error);
        wattsPerMm2 = power.Watts;
        return ok;
    }

    private static bool SizeOfWidth(string text, out double size, out string error)
    {
        bool ok = MappingReader.ParseInt(text, 1, 128, out int width, out error);
        size = width;
        return ok;
    }

    private static bool SizeOfOperands(string text, out double size, out string error)
    {
        size = 0;
        string[] parts = text.Split('x', '×');
        error = $"expected operand widths such as '8x8', found '{text}'";
        if (parts.Length != 2 || !MappingReader.ParseInt(parts[0].Trim(), 1, 64, out int a, out _) || !MappingReader.ParseInt(parts[1].Trim(), 1, 64, out int b, out _))
        {
            return false;
        }

        size = TechTable.MultiplierSize(ArithmeticType.Int(a), ArithmeticType.Int(b));
        return true;
    }

    private static bool SizeOfFpAdd(string text, out double size, out string error) => SizeOfFloat(text, t => TechTable.AdderSize(t), out size, out error);

    private static bool SizeOfFpMultiply(string text, out double size, out string error) => SizeOfFloat(text, t => TechTable.MultiplierSize(t, t), out size, out error);

    private static bool SizeOfFloat(string text, Func<ArithmeticType, double> measure, out double size, out string error)
    {
        size = 0;
        error = $"expected a float as exponent and mantissa bits, e.g. 'e5m10' for FP16, found '{text}'";
        if (!ArithmeticType.TryParse(text, out ArithmeticType type) || !type.IsFloat)
        {
            return false;
        }

        size = measure(type);
        return true;
    }
}
