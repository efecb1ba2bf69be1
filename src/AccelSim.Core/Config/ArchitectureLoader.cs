using AccelSim.Accelerator;
using System.Globalization;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Memory;
using AccelSim.Memory.Sram;
using AccelSim.Numerics;
using AccelSim.Units;
using AccelSim.Workloads;

namespace AccelSim.Config;

/// <summary>
/// Reads a design from YAML (or a SCALE-Sim v2 <c>.cfg</c>), applies presets and <c>--set</c> overrides, and checks it
/// as a whole: every error is collected in <see cref="Diagnostics"/> and nothing is returned if there is one.
/// </summary>
public static class ArchitectureLoader
{
    private const string DefaultTechnology = "28 nm";

    private static readonly Dictionary<string, Operand> OperandNames = new()
    {
        ["activations"] = Operand.Activations,
        ["weights"] = Operand.Weights,
        ["outputs"] = Operand.Outputs,
    };

    public static ArchitectureConfig? Load(string path, IReadOnlyList<string> overrides, Diagnostics diagnostics)
    {
        if (path.EndsWith(".cfg", StringComparison.OrdinalIgnoreCase))
        {
            return ScaleSimConfigImport.Load(path, overrides, diagnostics);
        }

        MappingReader? reader = MappingReader.OpenDocument(path, overrides, diagnostics);
        if (reader is null)
        {
            return null;
        }

        ArchitectureConfig design = Read(reader, path, []);
        reader.Finish();
        Check(design, reader.Location, diagnostics);
        return diagnostics.HasErrors ? null : design;
    }

    /// <summary>Reads a design document; also used by the SCALE-Sim import, which builds one in memory.</summary>
    internal static ArchitectureConfig Read(MappingReader reader, string source, List<string> notes)
    {
        string name = reader.String("name", required: true, meaning: "the design's name, used in reports");
        TechTable technology = ReadTechnology(reader, source, notes);
        Frequency clock = reader.Value<Frequency>("clock", Frequency.TryParse, Frequency.FromMegahertz(1000), required: true, meaning: "e.g. 1 GHz");
        IReadOnlyList<ComputeUnitConfig> compute = reader.NamedList("compute", (item, unit) => ReadCompute(item, unit, clock, notes), required: true,
            meaning: "at least one compute unit");
        IReadOnlyList<SramBufferConfig> buffers = reader.NamedList("buffers", (item, buffer) => ReadBuffer(item, buffer, clock), required: true,
            meaning: "on-chip buffers holding activations, weights and outputs");
        MemoryConfig? memory = reader.Section("memory", ReadMemory, required: true, meaning: "off-chip memory: kind dram, hbm or ideal");
        InterconnectConfig? interconnect = reader.Section("interconnect", r => new InterconnectConfig(
            r.Value<Bandwidth>("bandwidth", Bandwidth.TryParse, new Bandwidth(1), required: true, meaning: "e.g. 1 TB/s"),
            r.String("link", "interconnect", meaning: "the entry of the technology table's links that prices its bits"),
            r.Mapping["link"]?.Location ?? r.Location));
        VectorUnitConfig vector = reader.Section("vector", r => ReadVector(r, clock))
            ?? new VectorUnitConfig(64, clock, VectorUnitConfig.DefaultCosts);
        DecodeScheduler scheduler = DecodeSchedulers.ByName[reader.Choice("scheduler", [.. DecodeSchedulers.ByName.Keys], "npu-only",
            meaning: "how a batched decode splits work: npu-only, npu+pim or neupims")];
        if (scheduler != DecodeScheduler.NpuOnly && memory is not null && memory.PimChannel is null)
        {
            reader.Error("scheduler", $"{DecodeSchedulers.Name(scheduler)} runs attention in PIM banks, but the memory has none; add a pim: block to an hbm with organization and timing (see arch-configs/presets/hbm2-neupims-pim.yaml)");
        }

        OffloadConfig? offload = reader.Section("offload", r => OffloadReader.Read(r, notes),
            meaning: "where a MoE model's experts live when the device cannot hold them all");
        bool fixedMapping = reader.Choice("mapping", ["search", "fixed"], "search",
            meaning: "search: every loop order and the best schedules tried on the engine; fixed: M outside N outside K, tile sizes only") == "fixed";
        MappingObjective objective = MappingGoal.ByName[reader.Choice("mapping_objective", [.. MappingGoal.ByName.Keys], "latency",
            meaning: "what the mapping search minimises: latency, energy or edp")];
        return new ArchitectureConfig(name, source, technology, reader.Mapping["technology"]?.Location ?? reader.Location, clock, compute, buffers,
            memory ?? new Memory.Ideal.IdealMemoryConfig(), interconnect, vector, notes, scheduler, offload, fixedMapping, objective);
    }

    /// <summary>
    /// The table <c>technology:</c> names (a node or a table file; 28 nm when absent, with a note), with the design's
    /// <c>costs:</c> entries applied over it.
    /// </summary>
    private static TechTable ReadTechnology(MappingReader reader, string source, List<string> notes)
    {
        string technology = reader.String("technology", DefaultTechnology, meaning: "process node, e.g. 7 nm, or a technology table file");
        if (!reader.Has("technology"))
        {
            notes.Add($"technology not given: priced with the {DefaultTechnology} table");
        }

        TechTable table = TechTableLoader.Load(technology, reader.Mapping["technology"]?.Location ?? reader.Location, "technology", source, reader.Diagnostics)
            ?? TechTable.Empty("(none)", "", 45, 0.9);
        table = reader.Section("costs", r => TechTableLoader.ReadEntries(r, table, requireMissing: false) with { Name = $"{table.Name} with the design's costs" }) ?? table;
        string cells = reader.Choice("sram_cells", [.. table.SramCellLeakage.Keys.Order(StringComparer.Ordinal)], "hp",
            meaning: "the SRAM cells' device flavour, which sets their leakage: hp (high performance), lop (low operating power), lstp (low standby power)");
        bool gated = reader.Bool("sram_power_gating", false);
        if (!table.SramCellLeakage.TryGetValue(cells, out SramCells? flavour) || (cells == "hp" && !gated))
        {
            return table;
        }

        string name = cells == "hp" ? table.Name : $"{table.Name}, {cells} SRAM cells";
        return table with
        {
            Name = gated ? $"{name}, power-gated SRAM" : name,
            SramLeakageWattsPerMm2 = table.SramLeakageWattsPerMm2 * flavour.Leakage * (gated ? flavour.Gated : 1),
        };
    }

    private static ComputeUnitConfig ReadCompute(MappingReader item, string name, Frequency designClock, List<string> notes)
    {
        string kindName = item.Choice("kind", [.. PeCatalog.Kinds.Select(k => k.Kind)], "", required: true, meaning: "the PE kind");
        IPeKind? kind = PeCatalog.Find(kindName);
        int count = item.Int("count", 1, 4096, 1);
        Frequency clock = item.Value<Frequency>("clock", Frequency.TryParse, designClock);
        IReadOnlyList<NumericFormat> activations = item.List<NumericFormat>("activation_formats", ParseFormat, required: true);
        IReadOnlyList<NumericFormat> weights = item.List<NumericFormat>("weight_formats", ParseFormat, required: true);
        if (kind is null)
        {
            // The kind is unknown, so its own keys cannot be told from typos; say nothing more about them.
            foreach ((ConfigScalar key, _) in item.Mapping.Entries)
            {
                item.Has(key.Value);
            }

            return new UnknownComputeUnit(name, count, clock, activations, weights);
        }

        int errorsBefore = item.Diagnostics.Errors.Count;
        CheckFormats(item, "activation_formats", activations, kind, isWeight: false);
        CheckFormats(item, "weight_formats", weights, kind, isWeight: true);
        var common = new ComputeUnitCommon(name, count, clock, activations, weights);
        ComputeUnitConfig unit = kind.Read(item, common);
        if (item.Diagnostics.Errors.Count == errorsBefore)
        {
            CheckPairs(item, unit.Build(), activations, weights);
        }

        notes.AddRange(common.Notes.Select(n => $"{item.Path}: {n}"));
        if (item.Mapping["kind"]?.Location.Origin is not null)
        {
            DropOldKindKeys(item, kind, notes);
        }

        return unit;
    }

    /// <summary>
    /// A kind set by <c>--set</c> or a sweep axis turns the file's unit into another kind: the keys the new kind shares
    /// (rows, columns, formats) carry over, the old kind's own keys (a systolic dataflow) are dropped with a note, and
    /// a key no kind knows is still an error.
    /// </summary>
    private static void DropOldKindKeys(MappingReader item, IPeKind kind, List<string> notes)
    {
        string[] dropped = [.. item.Unread().Where(PeCatalog.KindKeys.Contains)];
        foreach (string key in dropped)
        {
            // Removed rather than marked as read, so a typo is not taken for a key the new kind does not have.
            item.Mapping.Remove(key);
        }

        if (dropped.Length > 0)
        {
            notes.Add($"{item.Path}: kind set to {kind.Kind}; dropped {string.Join(", ", dropped)}, which {kind.Kind} has no use for");
        }
    }

    /// <summary>
    /// A unit must run every format it declares with some format of the other operand: an array that lists INT8
    /// weights beside FP16 activations only, and cannot mix them, would refuse every INT8 GEMM at run time.
    /// </summary>
    private static void CheckPairs(MappingReader item, Hardware.IPeModel unit, IReadOnlyList<NumericFormat> activations, IReadOnlyList<NumericFormat> weights)
    {
        foreach (NumericFormat weight in weights.Where(w => activations.Count > 0 && activations.All(a => unit.CannotRun(a, w) is not null)))
        {
            item.Error("weight_formats", $"{weight.Name} weights run with none of the listed activation formats ({string.Join(", ", activations.Select(a => a.Name))}): "
                + $"{unit.CannotRun(activations[0], weight)}; list an activation format they run with, or drop {weight.Name}");
        }

        foreach (NumericFormat activation in activations.Where(a => weights.Count > 0 && weights.All(w => unit.CannotRun(a, w) is not null)))
        {
            item.Error("activation_formats", $"{activation.Name} activations run with none of the listed weight formats ({string.Join(", ", weights.Select(w => w.Name))}): "
                + $"{unit.CannotRun(activation, weights[0])}; list a weight format they run with, or drop {activation.Name}");
        }
    }

    private static void CheckFormats(MappingReader item, string key, IReadOnlyList<NumericFormat> formats, IPeKind kind, bool isWeight)
    {
        foreach (NumericFormat format in formats)
        {
            if (kind.Unsupported(format, isWeight) is string why)
            {
                item.Error(key, $"{kind.Kind} cannot use {format.Name}: {why}");
            }
        }
    }

    private static SramBufferConfig ReadBuffer(MappingReader item, string name, Frequency clock) => new(
        name,
        item.Value<ByteSize>("capacity", ByteSize.TryParse, default, required: true, meaning: "e.g. 8 MiB"),
        item.Int("banks", 1, 4096, 1),
        item.Value<Bandwidth>("read_bandwidth", (string t, out Bandwidth b, out string e) => ParseBufferBandwidth(t, clock, out b, out e), new Bandwidth(1), required: true, meaning: "e.g. 256 B/cycle or 512 GB/s"),
        item.Value<Bandwidth>("write_bandwidth", (string t, out Bandwidth b, out string e) => ParseBufferBandwidth(t, clock, out b, out e), new Bandwidth(1), required: true, meaning: "e.g. 256 B/cycle or 512 GB/s"),
        item.Bool("double_buffered", true),
        item.List<Operand>("holds", ParseOperand, required: true, meaning: "which of activations, weights, outputs it holds"),
        item.Mapping["capacity"]?.Location ?? item.Location,
        item.Bool("shared", false));

    private static MemoryConfig ReadMemory(MappingReader reader)
    {
        string kindName = reader.Choice("kind", [.. MemoryCatalog.Kinds.Select(k => k.Kind)], "", required: true);
        IMemoryKind? kind = MemoryCatalog.Find(kindName);
        if (kind is null)
        {
            foreach ((ConfigScalar key, _) in reader.Mapping.Entries)
            {
                reader.Has(key.Value);
            }

            return new Memory.Ideal.IdealMemoryConfig();
        }

        return kind.Read(reader);
    }

    private static VectorUnitConfig ReadVector(MappingReader reader, Frequency designClock)
    {
        int lanes = reader.Int("lanes", 1, 65536, 64, required: true, meaning: "elements processed per cycle");
        Frequency clock = reader.Value<Frequency>("clock", Frequency.TryParse, designClock);
        var costs = new Dictionary<VectorOpKind, int>(VectorUnitConfig.DefaultCosts);
        reader.Section("cycles_per_element", r =>
        {
            foreach ((string name, VectorOpKind kind) in VectorOpNames.ByName)
            {
                costs[kind] = r.Int(name, 1, 1000, costs[kind]);
            }

            return r;
        });
        return new VectorUnitConfig(lanes, clock, costs);
    }

    /// <summary>Checks what no single key can: every operand has a buffer, and each buffer holds one tile of every unit.</summary>
    internal static void Check(ArchitectureConfig design, SourceLocation at, Diagnostics diagnostics)
    {
        foreach (Operand operand in Enum.GetValues<Operand>())
        {
            int holders = design.Buffers.Count(b => b.Holds.Contains(operand));
            string name = OperandNames.First(p => p.Value == operand).Key;
            if (design.Buffers.Count > 0 && holders != 1)
            {
                diagnostics.Add(at, "buffers", holders == 0
                    ? $"no buffer holds {name}; add it to one buffer's 'holds'"
                    : $"{holders} buffers hold {name}; exactly one must");
            }
        }

        // A unit whose format lists were missing or wrong is already reported; its tiles cannot be sized.
        foreach (ComputeUnitConfig unit in design.Compute.Where(u => u is not UnknownComputeUnit && u.ActivationFormats.Count > 0 && u.WeightFormats.Count > 0))
        {
            IPeModel model = unit.Build();
            TileGranule g = model.Granule;
            foreach (SramBufferConfig buffer in design.Buffers)
            {
                long need = 0;
                var parts = new List<string>();
                foreach (Operand operand in buffer.Holds.Distinct())
                {
                    (long bits, string what) = operand switch
                    {
                        Operand.Activations => Widest(unit.ActivationFormats, g.M, g.K),
                        Operand.Weights => Widest(unit.WeightFormats, g.N, g.K),
                        _ => ((long)g.M * g.N * model.AccumulatorBits, $"{g.M}×{g.N} {model.AccumulatorBits}-bit partial sums"),
                    };
                    need += bits;
                    parts.Add(what);
                }

                if (need > buffer.TileRoom.Bits)
                {
                    diagnostics.Add(buffer.Location, $"buffers[{buffer.Name}].capacity",
                        $"{buffer.Capacity}{(buffer.DoubleBuffered ? " double-buffered" : "")} leaves {buffer.TileRoom} per tile, "
                        + $"less than one tile of compute unit '{unit.Name}' needs: {new ByteSize(need)} ({string.Join(" + ", parts)}), "
                        + $"short by {new ByteSize(need - buffer.TileRoom.Bits)}");
                }
            }
        }

        if (!diagnostics.HasErrors)
        {
            DesignCosts.Check(design, design.TechnologyLocation, diagnostics);
        }
    }

    private static (long Bits, string What) Widest(IReadOnlyList<NumericFormat> formats, int vectors, int length)
    {
        NumericFormat widest = formats.Count == 0 ? NumericFormats.Parse("int8") : formats.MaxBy(f => f.TileBits(vectors, length))!;
        return (widest.TileBits(vectors, length), $"{vectors}×{length} {widest.Name}");
    }

    public static bool ParseFormat(string text, out NumericFormat format, out string error) => NumericFormats.TryParseValue(text, out format, out error);

    private static bool ParseOperand(string text, out Operand operand, out string error)
    {
        bool ok = MappingReader.ParseChoice(text, OperandNames.Keys, out string name, out error);
        operand = ok ? OperandNames[name] : Operand.Activations;
        return ok;
    }

    private static bool ParseBufferBandwidth(string text, Frequency clock, out Bandwidth bandwidth, out string error)
    {
        string trimmed = text.Trim();
        if (trimmed.EndsWith("B/cycle", StringComparison.Ordinal))
        {
            bandwidth = default;
            if (decimal.TryParse(trimmed[..^7].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal perCycle) && perCycle > 0)
            {
                bandwidth = Bandwidth.PerCycle(perCycle, clock);
                error = "";
                return true;
            }

            error = $"expected a positive number of bytes per cycle, e.g. '256 B/cycle', found '{text}'";
            return false;
        }

        bool ok = Bandwidth.TryParse(text, out bandwidth, out error);
        error = ok ? "" : error.Replace("expected a bandwidth with a unit (", "expected a bandwidth with a unit (B/cycle, ", StringComparison.Ordinal);
        return ok;
    }

    /// <summary>Stands in for a compute unit whose kind is unknown (already reported) so reading can go on.</summary>
    private sealed record UnknownComputeUnit(string Name, int Count, Frequency Clock, IReadOnlyList<NumericFormat> ActivationFormats, IReadOnlyList<NumericFormat> WeightFormats)
        : ComputeUnitConfig(Name, "", Count, Clock, ActivationFormats, WeightFormats)
    {
        public override IPeModel Build() => throw new InvalidOperationException("A design with an unknown compute kind is never built.");
    }
}
