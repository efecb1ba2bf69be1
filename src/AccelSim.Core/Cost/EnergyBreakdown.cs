using AccelSim.Units;

namespace AccelSim.Cost;

/// <summary>Energy by report component (compute, register, sram.&lt;buffer&gt;, dram, pim, link, leakage), in report order.</summary>
public sealed class EnergyBreakdown
{
    private readonly Dictionary<string, Energy> parts = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, Energy>> Parts =>
        parts.OrderBy(p => EnergyComponents.Rank(p.Key)).ThenBy(p => p.Key, StringComparer.Ordinal);

    /// <summary>The sum of the parts, added in report order so the same parts always give the same total.</summary>
    public Energy Total => new(Parts.Sum(p => p.Value.Picojoules));

    /// <summary>What time cost: leakage and DRAM background (see <see cref="EnergyComponents.IsStatic"/>).</summary>
    public Energy Static => new(Parts.Where(p => EnergyComponents.IsStatic(p.Key)).Sum(p => p.Value.Picojoules));

    /// <summary>What activity cost: everything else.</summary>
    public Energy Dynamic => new(Parts.Where(p => !EnergyComponents.IsStatic(p.Key)).Sum(p => p.Value.Picojoules));

    public Energy this[string component] => parts.GetValueOrDefault(component);

    public void Add(string component, Energy energy) => parts[component] = parts.GetValueOrDefault(component) + energy;

    public void Add(EnergyBreakdown other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach ((string component, Energy energy) in other.Parts)
        {
            Add(component, energy);
        }
    }
}
