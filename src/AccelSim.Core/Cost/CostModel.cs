using AccelSim.Units;

namespace AccelSim.Cost;

/// <summary>
/// A technology table applied to one design: it knows the design's buffers, so it can price SRAM accesses and
/// areas, and it turns activity counts into energy by component and an inventory into area and leakage.
/// </summary>
public sealed class CostModel
{
    private readonly Dictionary<string, SramGeometry> buffers;
    private readonly Dictionary<Activity, Energy> prices = [];
    private readonly string? rowsCounted;

    /// <param name="rowsCounted">
    /// The memory technology whose row activations the memory model counts and reports (a bank-timed DRAM); every
    /// other technology's bits carry their share of the activations of streaming whole rows.
    /// </param>
    public CostModel(TechTable table, IEnumerable<SramGeometry> buffers, string? rowsCounted = null)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        this.buffers = buffers.ToDictionary(b => b.Name);
        this.rowsCounted = rowsCounted;
    }

    public TechTable Table { get; }

    /// <summary>The energy of one occurrence (one bit for per-bit activities), or null with the reason it has no price.</summary>
    public Energy? Price(Activity activity, out string missing)
    {
        missing = "";
        if (prices.TryGetValue(activity, out Energy known))
        {
            return known;
        }

        Energy? price = activity.Kind switch
        {
            ActivityKind.Multiply => Datapath(IsFloat(activity) ? Table.FpMultiply : Table.IntMultiply, IsFloat(activity) ? "fp_multiply" : "int_multiply",
                TechTable.MultiplierSize(activity.A, activity.B), out missing),
            ActivityKind.Add => Datapath(activity.A.IsFloat ? Table.FpAdd : Table.IntAdd, activity.A.IsFloat ? "fp_add" : "int_add",
                TechTable.AdderSize(activity.A), out missing),
            ActivityKind.Shift => Datapath(Table.Shift, "shift", TechTable.AdderSize(activity.A), out missing),
            ActivityKind.RegisterWrite or ActivityKind.RegisterRead => Table.RegisterPerBit ?? Missing("register.energy_per_bit", out missing),
            ActivityKind.Select => Table.MuxPerBit ?? Missing("mux.energy_per_bit", out missing),
            ActivityKind.SramRead or ActivityKind.SramWrite => Sram(activity, out missing),
            ActivityKind.DramRead or ActivityKind.DramWrite or ActivityKind.DramActivate or ActivityKind.PimAccess or ActivityKind.HostRead or ActivityKind.HostWrite => Memory(activity, out missing),
            _ => Table.Links.TryGetValue(activity.Target, out Energy link) ? link : Missing($"links.{activity.Target}", out missing),
        };
        if (price is Energy p)
        {
            prices[activity] = p;
        }

        return price;
    }

    /// <summary>Dynamic energy of the counts, by component. Every activity must have a price (checked when the design loads).</summary>
    public EnergyBreakdown Energy(ActivityCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var breakdown = new EnergyBreakdown();
        foreach ((Activity activity, long count) in counts)
        {
            Energy each = Price(activity, out string missing) ?? throw new InvalidOperationException($"{activity} has no price: {missing}");
            breakdown.Add(activity.Component, each * count);
        }

        return breakdown;
    }

    /// <summary>The area and leakage of an inventory line, or null with the reason it has no price.</summary>
    public AreaLine? Price(AreaItem item, out string missing)
    {
        missing = "";
        Activity part = item.Part;
        double? um2 = part.Kind switch
        {
            ActivityKind.Multiply => (IsFloat(part) ? Table.FpMultiply : Table.IntMultiply)?.AreaUm2.At(TechTable.MultiplierSize(part.A, part.B)),
            ActivityKind.Add => (part.A.IsFloat ? Table.FpAdd : Table.IntAdd)?.AreaUm2.At(TechTable.AdderSize(part.A)),
            ActivityKind.Shift => Table.Shift?.AreaUm2.At(TechTable.AdderSize(part.A)),
            ActivityKind.RegisterWrite or ActivityKind.RegisterRead => Table.RegisterAreaPerBit?.SquareMicrometres,
            ActivityKind.Select => Table.MuxAreaPerBit?.SquareMicrometres,
            ActivityKind.SramRead when buffers.TryGetValue(part.Target, out SramGeometry g) && Table.Sram is SramRule s =>
                (g.CapacityBits * s.CellUm2PerBit) + ((double)g.Banks * g.PortBits * s.PortUm2PerBit),
            _ => null,
        };
        bool sram = part.Kind == ActivityKind.SramRead;
        double? density = sram ? Table.SramLeakageWattsPerMm2 : Table.LogicLeakageWattsPerMm2;
        if (um2 is null || density is null)
        {
            missing = um2 is null ? $"no area rule for {part}" : $"no leakage.{(sram ? "sram" : "logic")} density";
            return null;
        }

        var area = new Area(um2.Value * item.Count);
        return new AreaLine(item.Component, item.Description, area, new Power(density.Value * area.SquareMillimetres));
    }

    private static bool IsFloat(Activity a) => a.A.IsFloat || a.B.IsFloat;

    private static Energy? Datapath(DatapathRule? rule, string key, double size, out string missing)
    {
        missing = rule is null ? $"the table has no {key} rule" : "";
        return rule is null ? null : new Energy(rule.EnergyPj.At(size));
    }

    private Energy? Sram(Activity activity, out string missing)
    {
        missing = "";
        if (Table.Sram is not SramRule rule)
        {
            return Missing("sram", out missing);
        }

        if (!buffers.TryGetValue(activity.Target, out SramGeometry g))
        {
            missing = $"no buffer named '{activity.Target}'";
            return null;
        }

        double read = rule.ReadPjPerBit.At(g.BankBits);
        return new Energy(activity.Kind == ActivityKind.SramRead ? read : read * rule.WriteToRead);
    }

    private Energy? Memory(Activity activity, out string missing)
    {
        missing = "";
        if (!Table.Memories.TryGetValue(activity.Target, out DramRule? rule))
        {
            missing = $"the table prices no memory technology '{activity.Target}' (it has: {string.Join(", ", Table.Memories.Keys.Order(StringComparer.Ordinal))})";
            return null;
        }

        Energy perBit = rule.IoPerBit + (activity.Target == rowsCounted && activity.Kind is ActivityKind.DramRead or ActivityKind.DramWrite
            ? default
            : rule.StreamedActivationPerBit);
        return activity.Kind switch
        {
            ActivityKind.DramRead or ActivityKind.HostRead => rule.ReadPerBit + perBit,
            ActivityKind.DramWrite or ActivityKind.HostWrite => rule.WritePerBit + perBit,
            ActivityKind.PimAccess => rule.PimAccessPerBit ?? Missing($"memories.{activity.Target}.pim_access", out missing),
            _ => rule.Activation ?? Missing($"memories.{activity.Target}.activation", out missing),
        };
    }

    private static Energy? Missing(string key, out string missing)
    {
        missing = $"the table has no {key} entry";
        return null;
    }
}
