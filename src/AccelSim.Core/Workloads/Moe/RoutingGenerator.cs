using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace AccelSim.Workloads.Moe;

/// <summary>
/// Draws a routing trace from a seed. Per MoE layer the experts get a shuffled Zipf popularity; each token fills its
/// top-k slots in order: keep the previous token's expert in this slot (temporal locality), or take the successor of
/// its own expert at the layer before (layer correlation), or draw by popularity, redrawing until the slot's expert
/// is new to the token. The slots' gate weights are a Dirichlet draw sorted largest first, so slot 0 is the most
/// important. The same shape, skew and seed give the same trace.
/// </summary>
public static class RoutingGenerator
{
    public static RoutingTrace Generate(int layers, MoeShape moe, int tokens, RoutingSkew skew, int seed)
    {
        ArgumentNullException.ThrowIfNull(moe);
        ArgumentNullException.ThrowIfNull(skew);
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        int experts = moe.Experts, k = moe.TopK;
        double[] pmf = [.. Enumerable.Range(1, experts).Select(r => 1 / Math.Pow(r, skew.ZipfExponent))];
        int[][] popularity = [.. Enumerable.Range(0, layers).Select(_ => Shuffled(experts, random))];
        int[][] successor = [.. Enumerable.Range(0, layers).Select(_ => Shuffled(experts, random))];
        var gates = new Dirichlet(Enumerable.Repeat(skew.GateConcentration, k).ToArray(), random);
        var choices = new ExpertChoice[tokens][][];
        var slots = new int[k];
        for (int t = 0; t < tokens; t++)
        {
            choices[t] = new ExpertChoice[layers][];
            for (int l = 0; l < layers; l++)
            {
                if (!moe.IsMoeLayer(l))
                {
                    choices[t][l] = [];
                    continue;
                }

                for (int j = 0; j < k; j++)
                {
                    double u = random.NextDouble();
                    int expert = -1;
                    if (t > 0 && u < skew.TemporalLocality)
                    {
                        expert = choices[t - 1][l][j].Expert;
                    }
                    else if (l > 0 && moe.IsMoeLayer(l - 1) && u < skew.TemporalLocality + skew.LayerCorrelation)
                    {
                        expert = successor[l][choices[t][l - 1][j].Expert];
                    }

                    while (expert < 0 || slots.AsSpan(0, j).Contains(expert))
                    {
                        expert = popularity[l][Categorical.Sample(random, pmf)];
                    }

                    slots[j] = expert;
                }

                double[] weights = gates.Sample();
                Array.Sort(weights);
                Array.Reverse(weights);
                choices[t][l] = [.. Enumerable.Range(0, k).Select(j => new ExpertChoice(slots[j], weights[j]))];
            }
        }

        string source = FormattableString.Invariant(
            $"generated: seed {seed}, Zipf exponent {skew.ZipfExponent}, temporal locality {skew.TemporalLocality}, layer correlation {skew.LayerCorrelation}, gate concentration {skew.GateConcentration}");
        return new RoutingTrace(experts, k, choices, source);
    }

    private static int[] Shuffled(int count, Random random)
    {
        int[] items = [.. Enumerable.Range(0, count)];
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }
}
