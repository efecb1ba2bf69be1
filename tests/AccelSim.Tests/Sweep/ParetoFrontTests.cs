using AccelSim.Sweep;

namespace AccelSim.Tests.Sweep;

public class ParetoFrontTests
{
    /// <summary>The definition, written out: i is on the front unless some j is no worse everywhere and better somewhere.</summary>
    private static bool[] BruteForce(double?[][] points, bool[] maximize)
    {
        bool Valid(double?[] p) => p.All(v => v is double d && !double.IsNaN(d));
        bool NoWorse(double a, double b, bool max) => max ? a >= b : a <= b;
        bool Better(double a, double b, bool max) => max ? a > b : a < b;
        return [.. points.Select((p, i) => Valid(p) && !points.Where((q, j) => j != i && Valid(q)).Any(q =>
            Enumerable.Range(0, maximize.Length).All(k => NoWorse(q[k]!.Value, p[k]!.Value, maximize[k]))
            && Enumerable.Range(0, maximize.Length).Any(k => Better(q[k]!.Value, p[k]!.Value, maximize[k]))))];
    }

    [Theory]
    [InlineData(1, 2, 30)]
    [InlineData(2, 3, 60)]
    [InlineData(3, 1, 20)]
    [InlineData(4, 4, 80)]
    public void RandomSets_MatchBruteForce(int seed, int objectives, int count)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 50; trial++)
        {
            bool[] maximize = [.. Enumerable.Range(0, objectives).Select(_ => random.Next(2) == 1)];
            // Few distinct values, so ties and exact duplicates are common; now and then a missing value.
            double?[][] points = [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, objectives)
                .Select(_ => random.Next(40) == 0 ? (double?)null : random.Next(6)).ToArray())];
            Assert.Equal(BruteForce(points, maximize), ParetoFront.NonDominated(points, maximize));
        }
    }

    [Fact]
    public void TenThousandPoints_MatchEveryPairCompared()
    {
        // Continuous values rounded to a grid (ties and duplicates), three objectives in mixed directions; the pairs
        // compared in plain loops, as the definition reads.
        var random = new Random(10_000);
        bool[] maximize = [true, false, false];
        double?[][] points = [.. Enumerable.Range(0, 10_000).Select(_ => new double?[]
        {
            Math.Round(random.NextDouble() * 200) / 2, Math.Round(random.NextDouble() * 1000), random.Next(500) == 0 ? null : Math.Round(random.NextDouble() * 50, 1),
        })];
        double[][] cost = [.. points.Select(p => p.Select((v, k) => maximize[k] ? -(v ?? double.NaN) : v ?? double.NaN).ToArray())];
        var expected = new bool[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            expected[i] = !cost[i].Any(double.IsNaN);
            for (int j = 0; j < points.Length && expected[i]; j++)
            {
                if (j == i || cost[j].Any(double.IsNaN))
                {
                    continue;
                }

                bool noWorse = true, better = false;
                for (int k = 0; k < 3; k++)
                {
                    noWorse &= cost[j][k] <= cost[i][k];
                    better |= cost[j][k] < cost[i][k];
                }

                expected[i] = !(noWorse && better);
            }
        }

        bool[] front = ParetoFront.NonDominated(points, maximize);
        Assert.Equal(expected, front);
        Assert.InRange(front.Count(f => f), 10, 2_000);
    }

    [Fact]
    public void Duplicates_AreOnTheFrontTogether_AndMissingValuesNever()
    {
        double?[][] points = [[1, 5], [1, 5], [2, 6], [0, 9], [null, 0], [double.NaN, 0]];
        bool[] front = ParetoFront.NonDominated(points, [false, false]);
        Assert.Equal([true, true, false, true, false, false], front);
    }

    [Fact]
    public void Direction_DecidesTheFront()
    {
        double?[][] points = [[1, 1], [2, 2]];
        Assert.Equal([true, false], ParetoFront.NonDominated(points, [false, false]));
        Assert.Equal([false, true], ParetoFront.NonDominated(points, [true, true]));
        Assert.Equal([true, true], ParetoFront.NonDominated(points, [true, false]));
    }
}
