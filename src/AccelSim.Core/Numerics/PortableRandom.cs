using System.Runtime.CompilerServices;

namespace AccelSim.Numerics;

/// <summary>
/// xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021), its state
/// seeded by SplitMix64 as the authors recommend: the same 64-bit words from the same seed on every machine, with no
/// call through an interface per draw (synthetic operands of a 7B model's check take ~10^8 draws).
/// </summary>
public struct PortableRandom
{
    private ulong s0, s1, s2, s3;

    public PortableRandom(long seed)
    {
        ulong x = unchecked((ulong)seed);
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
    {
        ulong result = unchecked(ulong.RotateLeft(s1 * 5, 7) * 9);
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in (0, 1]: the top 53 bits plus one, times 2^−53 (never 0, so its logarithm is finite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double UnitOf(ulong bits) => unchecked((long)(bits >> 11) + 1) * (1.0 / (1L << 53));

    /// <summary>A uniform integer in [0, n), by Lemire's multiply-shift (bias below 2^−32 for the n used here).</summary>
    public int NextBelow(int n) => (int)(((Next() >> 32) * (ulong)n) >> 32);

    internal static ulong SplitMix64(ref ulong x)
    {
        // Arithmetic modulo 2^64 is the algorithm (the build checks overflow elsewhere).
        unchecked
        {
            ulong z = x += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }
}
