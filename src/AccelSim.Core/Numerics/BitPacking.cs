namespace AccelSim.Numerics;

/// <summary>
/// Dense packing of n-bit codes: code i occupies bits [i·n, (i+1)·n) of the byte stream, least significant bit
/// first (the layout GPTQ/AWQ-style INT4 kernels and the OCP MX spec's packed FP4 pairs use).
/// </summary>
public static class BitPacking
{
    public static long PackedBytes(long count, int bits) => ((count * bits) + 7) / 8;

    public static byte[] Pack(ReadOnlySpan<uint> codes, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 32);
        var packed = new byte[PackedBytes(codes.Length, bits)];
        long bit = 0;
        ulong limit = bits == 32 ? uint.MaxValue : (1UL << bits) - 1;
        foreach (uint code in codes)
        {
            if (code > limit)
            {
                throw new ArgumentException($"Code {code} does not fit in {bits} bits.", nameof(codes));
            }

            for (int b = 0; b < bits; b++, bit++)
            {
                if (((code >> b) & 1) != 0)
                {
                    packed[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                }
            }
        }

        return packed;
    }

    public static uint[] Unpack(ReadOnlySpan<byte> packed, int bits, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 32);
        if (packed.Length < PackedBytes(count, bits))
        {
            throw new ArgumentException($"{packed.Length} bytes cannot hold {count} codes of {bits} bits.", nameof(packed));
        }

        var codes = new uint[count];
        long bit = 0;
        for (int i = 0; i < count; i++)
        {
            uint code = 0;
            for (int b = 0; b < bits; b++, bit++)
            {
                code |= (uint)((packed[(int)(bit >> 3)] >> (int)(bit & 7)) & 1) << b;
            }

            codes[i] = code;
        }

        return codes;
    }
}
