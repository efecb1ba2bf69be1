namespace AccelSim.Cost;

/// <summary>
/// Technology scaling of energy and area between process nodes, after Stillmaker and Baas, "Scaling equations for
/// the accurate prediction of CMOS device performance from 180 nm to 7 nm", Integration 58 (2017). Area is their
/// area relative to 45 nm; energy is their per-node fit aV² + bV + c of energy against supply voltage. Between
/// tabulated nodes both are interpolated linearly in the node, as Accelergy's hwcomponents techscaling does
/// (the coefficients below are the ones that tool tabulates from the paper).
/// </summary>
public static class NodeScaling
{
    private static readonly int[] Nodes = [130, 90, 65, 45, 32, 20, 16, 14, 10, 7];

    // Stillmaker & Baas (2017), area at each node relative to 45 nm (the paper's 45 nm row). Factors between two
    // other nodes are ratios of these, so scaling is transitive and a node scaled to itself is unchanged (the
    // paper's full node-to-node table, interpolated in two dimensions, is not: 28 to 28 nm would give 1.15).
    private static readonly double[] AreaVs45 = [6.4, 2.8, 1.5, 1, 0.46, 0.21, 0.19, 0.17, 0.1, 0.059];

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
    public static double AreaFactor(int fromNm, int toNm) => RelativeArea(toNm) / RelativeArea(fromNm);

    private static double RelativeArea(int nm)
    {
        (int i, int j, double t) = Bracket(nm);
        return (AreaVs45[i] * (1 - t)) + (AreaVs45[j] * t);
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
