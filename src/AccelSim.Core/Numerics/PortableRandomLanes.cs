using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AccelSim.Numerics;

/// <summary>
/// Four <see cref="PortableRandom"/> generators side by side, one per lane of a 256-bit vector, seeded from one
/// SplitMix64 sequence (lane i takes its words 4i to 4i + 3): four draws per step with the same bits whether or not
/// the machine has vector hardware (the multiplications by 5 and 9 are shifts and adds, exact modulo 2^64).
/// </summary>
public struct PortableRandomLanes
{
    private Vector256<ulong> s0, s1, s2, s3;

    public PortableRandomLanes(long seed)
    {
        ulong x = unchecked((ulong)seed);
        Span<ulong> words = stackalloc ulong[16];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = PortableRandom.SplitMix64(ref x);
        }

        s0 = Vector256.Create(words[0], words[4], words[8], words[12]);
        s1 = Vector256.Create(words[1], words[5], words[9], words[13]);
        s2 = Vector256.Create(words[2], words[6], words[10], words[14]);
        s3 = Vector256.Create(words[3], words[7], words[11], words[15]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Next()
    {
        Vector256<ulong> times5 = s1 + (s1 << 2);
        Vector256<ulong> rotated = (times5 << 7) | (times5 >>> 57);
        Vector256<ulong> result = rotated + (rotated << 3);
        Vector256<ulong> t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 45) | (s3 >>> 19);
        return result;
    }
}
