using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AccelSim.Numerics;

/// <summary>
/// The integer part of a group-wise INT4 GEMV (GPTQ/AWQ-style weights, <see cref="GroupAffineFormat"/>): one row x of
/// K INT8 activations against N columns of K unsigned INT4 codes q with one zero point z per group of G codes, giving
/// for each column j and group g the exact sum Σ_{p ∈ g} x[p]·(q[p, j] − z[j, g]) in INT32. The caller applies the
/// group's scale (one multiply per group, not per weight). The packed codes are read once, 32 bytes (64 codes) a
/// step, with no unpacked copy of the weights.
/// </summary>
/// <remarks>
/// Layout: column j's codes are bytes [j·K/2, (j + 1)·K/2), low nibble first; zero points and sums are N × (K/G),
/// column-major by group. Integer sums are exact and associative, so the result is the same for any thread count.
/// </remarks>
public static class Int4GroupGemv
{
    public static void Multiply(sbyte[] x, byte[] packed, byte[] zeros, int[] sums, int n, int k, int groupSize, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(packed);
        ArgumentNullException.ThrowIfNull(zeros);
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 2);
        if (k % groupSize != 0 || groupSize % 2 != 0)
        {
            throw new ArgumentException($"K = {k} must be a whole number of groups of an even size (G = {groupSize}).", nameof(groupSize));
        }

        int groups = k / groupSize;
        if (x.Length != k || packed.Length < (long)n * k / 2 || zeros.Length != (long)n * groups || sums.Length != (long)n * groups)
        {
            throw new ArgumentException($"Buffer sizes ({x.Length}, {packed.Length}, {zeros.Length}, {sums.Length}) do not match N = {n}, K = {k}, G = {groupSize}.");
        }

        // |x| ≤ 128 and |q − z| ≤ 15: a group's sum cannot overflow INT32 below this size.
        if (groupSize > int.MaxValue / (128 * 15))
        {
            throw new ArgumentException($"A group of {groupSize} could overflow an INT32 sum.", nameof(groupSize));
        }

        short[] wide = [.. x.Select(v => (short)v)];
        int[] groupTotals = new int[groups];
        for (int p = 0; p < k; p++)
        {
            groupTotals[p / groupSize] += x[p];
        }

        bool vectorized = Avx2.IsSupported && groupSize % 64 == 0;
        int columnsPerBlock = IntegerGemm.PackedColumnsPerBlock(k);
        int blocks = (n + columnsPerBlock - 1) / columnsPerBlock;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxThreads }, b =>
        {
            for (int j = b * columnsPerBlock, end = Math.Min(n, j + columnsPerBlock); j < end; j++)
            {
                for (int g = 0; g < groups; g++)
                {
                    int from = g * groupSize, at = (j * groups) + g;
                    int dot = vectorized
                        ? DotCodes(wide, packed, (j * (k / 2)) + (from / 2), from, groupSize)
                        : ScalarDot(wide, packed, (j * (k / 2)) + (from / 2), from, groupSize);
                    sums[at] = dot - (zeros[at] * groupTotals[g]);
                }
            }
        });
    }

    /// <summary>Σ x[from + i]·q[i] over a group of unsigned codes, 64 a step (<see cref="IntegerGemm.AddPackedStep"/>).</summary>
    private static int DotCodes(short[] x, byte[] packed, int byteOffset, int from, int count)
    {
        Vector256<byte> nibble = Vector256.Create((byte)0x0F);
        Vector256<int> acc = Vector256<int>.Zero;
        ref short row = ref x[from];
        ref byte codes = ref packed[byteOffset];
        unchecked
        {
            // Indexed unchecked, as in IntegerGemm (count is a multiple of 64 here).
            for (nuint p = 0; p < (nuint)count; p += 64)
            {
                Vector256<byte> bytes = Vector256.LoadUnsafe(ref codes, p >> 1);
                acc = IntegerGemm.AddPackedStep(acc, bytes & nibble, Vector256.ShiftRightLogical(bytes, 4) & nibble, ref row, p);
            }
        }

        return Vector256.Sum(acc);
    }

    private static int ScalarDot(short[] x, byte[] packed, int byteOffset, int from, int count)
    {
        int sum = 0;
        for (int p = 0; p < count; p += 2)
        {
            int b = packed[byteOffset + (p >> 1)];
            sum += (x[from + p] * (b & 0x0F)) + (x[from + p + 1] * (b >> 4));
        }

        return sum;
    }
}
