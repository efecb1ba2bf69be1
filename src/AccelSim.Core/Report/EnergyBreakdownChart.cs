using AccelSim.Accelerator;
using AccelSim.Cost;
using AccelSim.Report.Charts;

namespace AccelSim.Report;

/// <summary>
/// <c>--breakdown-chart</c>: a run's energy as stacked bars, one per kind of operation (an LLM's layers summed: all
/// <c>layerN.ffn_up</c> are one bar) and one for the run's static energy, stacked by component, in µJ.
/// </summary>
public static class EnergyBreakdownChart
{
    private const int MaxBars = 16;

    public static Chart Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var groups = new Dictionary<string, EnergyBreakdown>(StringComparer.Ordinal);
        foreach (OpResult op in result.Ops)
        {
            string group = GroupOf(op.Name);
            if (!groups.TryGetValue(group, out EnergyBreakdown? sum))
            {
                groups[group] = sum = new EnergyBreakdown();
            }

            sum.Add(op.Energy);
        }

        var ordered = groups.OrderByDescending(g => g.Value.Total.Picojoules).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (ordered.Count > MaxBars)
        {
            var other = new EnergyBreakdown();
            foreach (KeyValuePair<string, EnergyBreakdown> g in ordered.Skip(MaxBars - 1))
            {
                other.Add(g.Value);
            }

            ordered = [.. ordered.Take(MaxBars - 1), new("other operations", other)];
        }

        List<string> series = [.. result.Energy.Parts.Select(p => p.Key)];
        List<StackedBar> bars = [.. ordered.Select(g => new StackedBar(g.Key, [.. g.Value.Parts.Select(p => (p.Key, p.Value.Microjoules))]))];
        bars.Add(new StackedBar("static (whole run)", [.. result.Energy.Parts.Where(p => EnergyComponents.IsStatic(p.Key)).Select(p => (p.Key, p.Value.Microjoules))]));
        string title = $"Energy of {result.Design} on {result.Workload}: {result.Energy.Total.Microjoules:N1} µJ";
        return StackedBarChart.Render(title, "operation (an LLM's layers summed), then the run's static energy", "energy (µJ)", bars, series);
    }

    /// <summary>"layer12.ffn_up" → "ffn_up"; other names as they are.</summary>
    private static string GroupOf(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && name.StartsWith("layer", StringComparison.Ordinal) && name[5..dot].All(char.IsAsciiDigit) ? name[(dot + 1)..] : name;
    }
}
