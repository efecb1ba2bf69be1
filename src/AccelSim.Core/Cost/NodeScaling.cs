namespace AccelSim.Cost;

/// <summary>
/// Technology scaling of energy and area between process nodes, after Stillmaker and Baas, "Scaling equations for
/// the accurate prediction of CMOS device performance from 180 nm to 7 nm", Integration 58 (2017). Area is their
/// node-to-node factor table; energy is their per-node fit aV² + bV + c of energy against supply voltage. Between
/// tabulated nodes both are interpolated linearly in the node, as Accelergy's hwcomponents techscaling does
/// (the coefficients below are the ones that tool tabulates from the paper).
/// </summary>
public static class NodeScaling
{
    private static readonly int[] Nodes = [130, 90, 65, 45, 32, 20, 16, 14, 10, 7];

    // Stillmaker & Baas (2017), area factor from the row's node to the column's node.
    private static readonly double[][] AreaFactors =
    [
        [1, 0.44, 0.23, 0.16, 0.072, 0.033, 0.03, 0.027, 0.016, 0.0092],
        [2.3, 1, 0.53, 0.35, 0.16, 0.075, 0.067, 0.061, 0.036, 0.021],
        [4.3, 1.9, 1, 0.66, 0.31, 0.14, 0.13, 0.12, 0.068, 0.039],
        [6.4, 2.8, 1.5, 1, 0.46, 0.21, 0.19, 0.17, 0.1, 0.059],
        [14, 6.1, 3.3, 2.2, 1, 0.46, 0.41, 0.38, 0.22, 0.13],
        [30, 13, 7.1, 4.7, 2.2, 1, 0.89, 0.82, 0.48, 0.28],
        [34, 15, 7.9, 5.3, 2.4, 1.1, 1, 0.91, 0.54, 0.31],
        [37, 16, 8.7, 5.8, 2.7, 1.2, 1.1, 1, 0.59, 0.34],
        [63, 28, 15, 9.8, 4.5, 2.1, 1.9, 1.7, 1, 0.58],
        [110, 48, 25, 17, 7.8, 3.6, 3.2, 2.9, 1.7, 1],
    ];

    // Stillmaker & Baas (2017), relative energy per operation at each node as a·V² + b·V + c.
    private static readonly (double A, double B, double C)[] EnergyFits =
    [
        (7.171, -6.709, 2.904), (4.762, -4.781, 2.092), (3.755, -4.398, 1.975), (1.103, -0.362, 0.2767), (0.9559, -0.7823, 0.471),
        (0.373, -0.1582, 0.04104), (0.2958, -0.1241, 0.03024), (0.2363, -0.09675, 0.02239), (0.2068, -0.09311, 0.02375),
        (0.1776, -0.09097, 0.02447),
    ];

    public static int SmallestNode => Nodes[^1];

    public static int LargestNode => Nodes[0];

    public static bool Covers(int nanometres) => nanometres >= SmallestNode && nanometres <= LargestNode;

    /// <summary>What an area at <paramref name="fromNm"/> becomes at <paramref name="toNm"/>.</summary>
    public static double AreaFactor(int fromNm, int toNm)
    {
        (int fi, int fj, double ft) = Bracket(fromNm);
        (int ti, int tj, double tt) = Bracket(toNm);
        double Row(int r) => (AreaFactors[r][ti] * (1 - tt)) + (AreaFactors[r][tj] * tt);
        return (Row(fi) * (1 - ft)) + (Row(fj) * ft);
    }

    /// <summary>What an energy at <paramref name="fromNm"/> and <paramref name="fromVdd"/> volts becomes at the other node and voltage.</summary>
    public static double EnergyFactor(int fromNm, double fromVdd, int toNm, double toVdd) => RelativeEnergy(toNm, toVdd) / RelativeEnergy(fromNm, fromVdd);

    private static double RelativeEnergy(int nm, double vdd)
    {
        (int i, int j, double t) = Bracket(nm);
        double At(int k) => (EnergyFits[k].A * vdd * vdd) + (EnergyFits[k].B * vdd) + EnergyFits[k].C;
        return (At(i) * (1 - t)) + (At(j) * t);
    }

    /// <summary>The tabulated nodes either side of <paramref name="nm"/> and how far it lies from the first toward the second.</summary>
    private static (int I, int J, double T) Bracket(int nm)
    {
        if (!Covers(nm))
        {
            throw new ArgumentOutOfRangeException(nameof(nm), nm, $"Stillmaker-Baas scaling covers {SmallestNode} nm to {LargestNode} nm.");
        }

        for (int i = 0; i < Nodes.Length; i++)
        {
            if (Nodes[i] == nm)
            {
                return (i, i, 0);
            }

            if (Nodes[i + 1] < nm)
            {
                return (i, i + 1, (double)(Nodes[i] - nm) / (Nodes[i] - Nodes[i + 1]));
            }
        }

        throw new InvalidOperationException("unreachable");
    }
}
