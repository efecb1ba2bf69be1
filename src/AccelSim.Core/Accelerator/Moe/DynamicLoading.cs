using AccelSim.Workloads.Moe;

namespace AccelSim.Accelerator.Moe;

/// <summary>
/// HOBBIT's token-level dynamic loading (Tang et al., arXiv 2411.01433, via costs.md §2.9): the chosen experts,
/// largest gate weight first, each get an unimportance score s, the summed gate weight of the experts ranked above
/// it; s ≤ T1 runs the expert in high precision, s ≤ T2 in low precision, and beyond T2 it is skipped. The most
/// important expert (s = 0) always runs in high precision. Reading s as the weight already covered is our reading of
/// the paper's "cumulative" score; with top-2 and T1 = 0.6, T2 = 0.9 it gives the second expert low precision when
/// the first has more than 0.6 of the weight and skips it above 0.9.
/// </summary>
public static class DynamicLoading
{
    /// <summary>HOBBIT's defaults.</summary>
    public const double DefaultHigh = 0.6;

    /// <summary>HOBBIT's defaults.</summary>
    public const double DefaultLow = 0.9;

    public static ExpertPrecision[] Decide(IReadOnlyList<ExpertChoice> choices, double high, double low)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var decisions = new ExpertPrecision[choices.Count];
        double covered = 0;
        for (int i = 0; i < choices.Count; i++)
        {
            decisions[i] = covered <= high ? ExpertPrecision.High : covered <= low ? ExpertPrecision.Low : ExpertPrecision.Skip;
            covered += choices[i].GateWeight;
        }

        return decisions;
    }
}
