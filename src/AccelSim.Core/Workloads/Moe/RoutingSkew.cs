namespace AccelSim.Workloads.Moe;

/// <summary>
/// How a generated routing trace departs from uniform, each a parameter because no public trace pins them down:
/// <see cref="ZipfExponent"/> skews each layer's expert popularity (rank r drawn with weight 1/r^s, the ranks
/// shuffled per layer; 0 is uniform); <see cref="TemporalLocality"/> is the chance a token keeps the previous
/// token's expert in the same slot; <see cref="LayerCorrelation"/> the chance it takes the expert that follows, in a
/// fixed seeded pairing of adjacent layers, its own choice at the layer before; <see cref="GateConcentration"/> is
/// the Dirichlet concentration the chosen experts' gate weights are drawn with (larger is more even).
/// </summary>
public sealed record RoutingSkew(double ZipfExponent, double TemporalLocality, double LayerCorrelation, double GateConcentration)
{
    /// <summary>
    /// Defaults, all assumptions. Gates: with concentration 2 and top-2, the larger weight is at most 0.6 with
    /// probability 0.296 and above 0.9 with 0.056, which gives HOBBIT's thresholds (0.6, 0.9) a split of about
    /// 65 / 32 / 3 % high / low / skipped, close to the 67 / 30 / 3 % HOBBIT reports for Mixtral (arXiv 2411.01433,
    /// via costs.md §2.9). Skew, locality and correlation are moderate values for a load-balanced router.
    /// </summary>
    public static RoutingSkew Default { get; } = new(0.8, 0.3, 0.3, 2.0);
}
