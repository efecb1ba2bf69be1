using AccelSim.Units;

namespace AccelSim.Cost;

/// <summary>Energy by report component (compute, register, sram.&lt;buffer&gt;, dram, pim, link, leakage), in report order.</summary>
public sealed class EnergyBreakdown
{
    private readonly SortedDictionary<string, Energy> parts = new(Comparer<string>.Create(
        (a, b) => EnergyComponents.Rank(a) != EnergyComponents.Rank(b)
            ? EnergyComponents.Rank(a).CompareTo(EnergyComponents.Rank(b))
            : string.CompareOrdinal(a, b)));

    public IEnumerable<KeyValuePair<string, Energy>> Parts => parts;

    public Energy Total => new(parts.Values.Sum(e => e.Picojoules));

    public Energy this[string component] => parts.GetValueOrDefault(component);

    public void Add(string component, Energy energy) => parts[component] = parts.GetValueOrDefault(component) + energy;

    public void Add(EnergyBreakdown other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach ((string component, Energy energy) in other.parts)
        {
            Add(component, energy);
        }
    }
}
