using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Memory.Sram;
using AccelSim.Units;

namespace AccelSim.Config;

/// <summary>
/// The cost side of a design: its technology table applied to its buffers, the inventory its area and leakage are
/// priced from, and the load-time check that every activity its parts can count has a price.
/// </summary>
public static class DesignCosts
{
    public const string VectorComponent = "vector";

    /// <summary>What one lane-cycle of the vector unit does: one FP32 multiply-add (the assumption behind its cycle costs).</summary>
    public static ActivityCounts VectorLaneCycle => LaneCycle();

    public static CostModel Model(ArchitectureConfig design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return new CostModel(design.Technology, design.Buffers.Select(b => Geometry(b, design.Clock)),
            design.Memory.CountsRowActivations ? design.Memory.Technology : null);
    }

    /// <summary>The energy time costs over <paramref name="span"/>: the chip's leakage and the DRAM's background power.</summary>
    public static void AddStatic(EnergyBreakdown energy, ArchitectureConfig design, Power leakage, SimTime span)
    {
        ArgumentNullException.ThrowIfNull(energy);
        energy.Add(EnergyComponents.Leakage, leakage.Over(span));
        Power background = DramBackground(design);
        if (background.Watts > 0)
        {
            energy.Add(EnergyComponents.DramBackground, background.Over(span));
        }
    }

    /// <summary>
    /// The off-chip memory's standby and refresh power: the technology's background power per channel, times the
    /// memory's data pins over that channel's; zero when the memory names no technology or the table gives none.
    /// </summary>
    public static Power DramBackground(ArchitectureConfig design)
    {
        ArgumentNullException.ThrowIfNull(design);
        return design.Memory.Technology is string technology
            && design.Technology.Memories.TryGetValue(technology, out DramRule? rule)
            && rule.Background is Power perChannel
            ? perChannel * design.Memory.ChannelsOfWidth(rule.ChannelBits)
            : default;
    }

    /// <summary>A buffer's banks and the width of each bank's port: its read bandwidth per cycle of the design clock, split over the banks.</summary>
    public static SramGeometry Geometry(SramBufferConfig buffer, Frequency clock)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        long bitsPerCycle = Math.Max(1, buffer.ReadBandwidth.BitsPerSecond / clock.Hertz);
        return new SramGeometry(buffer.Name, buffer.Capacity.Bits, buffer.Banks, (int)Math.Max(1, bitsPerCycle / buffer.Banks));
    }

    /// <summary>
    /// Every part of the chip: each compute unit's arrays (times its cores), each core's buffers (once for a shared
    /// buffer) and the vector unit. Off-chip memory is not on it.
    /// </summary>
    public static IReadOnlyList<AreaItem> Inventory(ArchitectureConfig design, IReadOnlyList<IPeModel> units)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(units);
        var items = new List<AreaItem>();
        foreach ((ComputeUnitConfig config, IPeModel unit) in design.Compute.Zip(units))
        {
            items.AddRange(unit.Inventory.Select(i => i with { Count = i.Count * config.Count }));
        }

        int cores = design.Compute.Sum(c => c.Count);
        items.AddRange(design.Buffers.Select(b => new AreaItem(EnergyComponents.Sram(b.Name), Activity.SramRead(b.Name), b.Shared ? 1 : cores)));
        int lanes = design.Vector.Lanes * design.Compute[0].Count;
        items.AddRange(VectorLaneCycle.Select(p => new AreaItem(VectorComponent, p.Key, lanes)));
        return items;
    }

    /// <summary>The inventory priced line by line; <see cref="Check"/> has made sure every part has a price.</summary>
    public static IReadOnlyList<AreaLine> Area(ArchitectureConfig design, IReadOnlyList<IPeModel> units, CostModel costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        return [.. Inventory(design, units).Select(i => costs.Price(i, out _)!)];
    }

    /// <summary>Reports each activity the design's parts can count, and each part of its inventory, that its technology table cannot price.</summary>
    public static void Check(ArchitectureConfig design, SourceLocation technologyAt, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(diagnostics);
        CostModel model = Model(design);
        var reported = new HashSet<Activity>();
        void Need(Activity activity, string who, SourceLocation at, string key)
        {
            if (reported.Contains(activity) || model.Price(activity, out string missing) is not null)
            {
                return;
            }

            reported.Add(activity);
            diagnostics.Add(at, key, $"{who} counts '{activity}', which {design.Technology.Source} cannot price: {missing}; "
                + "add it to the design's costs: section or use a table that has it");
        }

        List<IPeModel> units = [.. design.Compute.Select(c => c.Build())];
        foreach (IPeModel unit in units)
        {
            TileGranule g = unit.Granule;
            foreach (var a in unit.ActivationFormats)
            {
                foreach (var w in unit.WeightFormats.Where(w => unit.CannotRun(a, w) is null))
                {
                    foreach ((Activity activity, _) in unit.Evaluate(new GemmTile(g.M, g.N, g.K, a, w)).Activities)
                    {
                        Need(activity, $"compute unit '{unit.Name}' ({a.Name} × {w.Name})", technologyAt, "technology");
                    }
                }
            }
        }

        foreach (SramBufferConfig buffer in design.Buffers)
        {
            Need(Activity.SramRead(buffer.Name), $"buffer '{buffer.Name}'", technologyAt, "technology");
            Need(Activity.SramWrite(buffer.Name), $"buffer '{buffer.Name}'", technologyAt, "technology");
        }

        foreach ((Activity activity, _) in VectorLaneCycle)
        {
            Need(activity, "the vector unit", technologyAt, "technology");
        }

        if (design.Memory.Technology is string memory)
        {
            Need(Activity.DramRead(memory), "memory", design.Memory.TechnologyLocation, "memory.technology");
            Need(Activity.DramWrite(memory), "memory", design.Memory.TechnologyLocation, "memory.technology");
            if (design.Memory.CountsRowActivations)
            {
                Need(Activity.DramActivate(memory), "memory", design.Memory.TechnologyLocation, "memory.technology");
            }

            if (design.Memory.PimChannel is not null)
            {
                Need(Activity.PimAccess(memory), "the PIM units", design.Memory.TechnologyLocation, "memory.technology");
            }
        }

        if (design.Offload is OffloadConfig offload)
        {
            Need(Activity.LinkTransfer(offload.Link.Technology), $"the offload link '{offload.Link.Name}'", offload.Link.Location, "offload.link.technology");
            if (offload.HostMemory is string host)
            {
                Need(Activity.HostRead(host), "the host memory experts are read from", offload.Location, "offload.host_memory");
            }

            if (offload.Storage is { } storage)
            {
                Need(Activity.LinkTransfer(storage.Technology), $"the storage tier '{storage.Name}'", storage.Location, "offload.storage.technology");
                if (offload.HostMemory is string written)
                {
                    Need(Activity.HostWrite(written), "the host memory experts are read up into", offload.Location, "offload.host_memory");
                }
            }
        }

        if (design.Interconnect is InterconnectConfig link)
        {
            Need(Activity.LinkTransfer(link.Link), "the interconnect", link.Location, "interconnect.link");
        }

        foreach (AreaItem item in Inventory(design, units))
        {
            if (!reported.Contains(item.Part) && model.Price(item, out string missing) is null)
            {
                reported.Add(item.Part);
                diagnostics.Add(technologyAt, "technology", $"{item.Component} has {item.Description}, whose area {design.Technology.Source} cannot price: {missing}");
            }
        }
    }

    private static ActivityCounts LaneCycle()
    {
        var counts = new ActivityCounts();
        counts.Add(Activity.Multiply(ArithmeticType.Fp32, ArithmeticType.Fp32), 1);
        counts.Add(Activity.Add(ArithmeticType.Fp32), 1);
        return counts;
    }
}
