using MathNet.Numerics.Random;

namespace AccelSim.Numerics;

/// <summary>
/// The uniform random numbers stochastic rounding draws, from a seeded xoshiro256** generator so the
/// same seed gives the same roundings on every machine and .NET version.
/// </summary>
public sealed class StochasticSource
{
    private readonly Xoshiro256StarStar generator;

    public StochasticSource(int seed)
    {
        Seed = seed;
        generator = new Xoshiro256StarStar(seed, threadSafe: false);
    }

    public int Seed { get; }

    /// <summary>A uniform draw in [0, 1).</summary>
    public double NextUniform() => generator.NextDouble();
}
