using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AccelSim.Numerics;

/// <summary>
/// Fast exact integer GEMM: INT8×INT8 and INT4×INT8 with INT32 accumulation, vectorized with AVX2 (pairs of
/// sign-extended 16-bit products summed by vpmaddwd) and spread over cores by blocks of output columns.
/// C (M×N, row-major) = A (M×K, row-major) · W, with W given as N rows of K (each weight column contiguous).
/// </summary>
/// <remarks>
/// Integer sums are associative, so the result is the same for any thread count and order. Sizes where an INT32
/// partial sum could overflow are refused (use <see cref="ReferenceGemm"/>, which counts overflows).
/// </remarks>
public static class IntegerGemm
{
    private const int CacheBudgetBytes = 192 * 1024;

    /// <summary>Largest K for which no INT32 partial sum of products bounded by |a| ≤ maxA, |w| ≤ maxW can overflow.</summary>
    public static long MaxSafeK(int maxA, int maxW) => int.MaxValue / ((long)maxA * maxW);

    public static void Multiply(sbyte[] a, sbyte[] w, int[] c, int m, int n, int k, int maxThreads = -1)
    {
        CheckSizes(a.Length, w.Length, c.Length, m, n, k);
        CheckK(k);

        // Columns per task: enough weight rows to stay in the L2 cache while every row of A streams past them.
        int columnsPerBlock = Math.Max(4, Math.Min(256, CacheBudgetBytes / Math.Max(1, k)) & ~3);
        int blocks = (n + columnsPerBlock - 1) / columnsPerBlock;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
        Parallel.For(0, blocks, options, b =>
        {
            int start = b * columnsPerBlock;
            MultiplyColumns(a, w, c, m, n, k, start, Math.Min(n, start + columnsPerBlock));
        });
    }

    /// <summary>The straightforward triple loop, single-threaded: the baseline the benchmarks compare against.</summary>
    public static void MultiplyScalar(sbyte[] a, sbyte[] w, int[] c, int m, int n, int k)
    {
        CheckSizes(a.Length, w.Length, c.Length, m, n, k);
        CheckK(k);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum = unchecked(sum + (a[(i * k) + p] * w[(j * k) + p]));
                }

                c[(i * n) + j] = sum;
            }
        }
    }

    /// <summary>
    /// INT8 activations times INT4 weights packed two per byte (low nibble first, two's complement). A single row (a
    /// GEMV) streams the packed weights once, unpacking each 32 bytes in registers; more rows unpack W first and reuse it.
    /// </summary>
    public static void MultiplyInt4Weights(sbyte[] a, byte[] packedW, int[] c, int m, int n, int k, int maxThreads = -1)
    {
        if (m != 1 || k % 2 != 0 || !Avx2.IsSupported)
        {
            Multiply(a, UnpackInt4(packedW, n * k), c, m, n, k, maxThreads);
            return;
        }

        CheckSizes(a.Length, n * k, c.Length, m, n, k);
        CheckK(k);
        if (packedW.Length < (long)n * k / 2)
        {
            throw new ArgumentException($"{packedW.Length} bytes cannot hold {(long)n * k} INT4 codes.", nameof(packedW));
        }

        short[] x = [.. a.Select(v => (short)v)];
        int columnsPerBlock = PackedColumnsPerBlock(k);
        int blocks = (n + columnsPerBlock - 1) / columnsPerBlock;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
        Parallel.For(0, blocks, options, b =>
        {
            for (int j = b * columnsPerBlock, end = Math.Min(n, j + columnsPerBlock); j < end; j++)
            {
                c[j] = DotPackedInt4(x, packedW, j * (k / 2), k);
            }
        });
    }

    /// <summary>
    /// A row of INT16-widened activations against one column of packed INT4 weights (k even, the column byte-aligned):
    /// 64 codes a step (<see cref="AddPackedStep"/>), each nibble sign-extended as (x ^ 8) − 8.
    /// </summary>
    private static int DotPackedInt4(short[] x, byte[] packed, int byteOffset, int k)
    {
        Vector256<byte> nibble = Vector256.Create((byte)0x0F), eight = Vector256.Create((byte)8);
        Vector256<int> acc = Vector256<int>.Zero;
        ref short row = ref x[0];
        int p = 0;
        for (; p + 64 <= k; p += 64)
        {
            Vector256<byte> bytes = Vector256.LoadUnsafe(ref packed[byteOffset + (p >> 1)]);
            Vector256<byte> low = ((bytes & nibble) ^ eight) - eight;
            Vector256<byte> high = ((Vector256.ShiftRightLogical(bytes, 4) & nibble) ^ eight) - eight;
            acc = AddPackedStep(acc, low, high, ref row, p);
        }

        // Unchecked: CheckK bounds every partial sum inside INT32.
        int sum = Vector256.Sum(acc);
        for (; p < k; p += 2)
        {
            int b = packed[byteOffset + (p >> 1)];
            sum = unchecked(sum + (x[p] * ((b << 28) >> 28)) + (x[p + 1] * ((b << 24) >> 28)));
        }

        return sum;
    }

    /// <summary>
    /// Packed columns a GEMV task takes: enough that their weights stay in the L2 cache while the activations are
    /// reused, at least four.
    /// </summary>
    internal static int PackedColumnsPerBlock(int k) => Math.Max(4, Math.Min(1024, CacheBudgetBytes / Math.Max(1, k / 2)));

    /// <summary>
    /// Adds 64 INT4 codes times 64 INT16 activations from <paramref name="row"/>[<paramref name="p"/>] to
    /// <paramref name="acc"/>: the codes' values (−8 to 15, one a byte) as split from 32 packed bytes into their low and
    /// high nibbles. Unpacking interleaves within 128-bit lanes, so the lower lane of each unpack holds codes 0-31 and
    /// the upper 32-63, each matched with its own activations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<int> AddPackedStep(Vector256<int> acc, Vector256<byte> low, Vector256<byte> high, ref short row, int p)
    {
        Vector256<sbyte> first = Avx2.UnpackLow(low, high).AsSByte(), second = Avx2.UnpackHigh(low, high).AsSByte();
        acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(first.GetLower()), Vector256.LoadUnsafe(ref row, (nuint)p)));
        acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(second.GetLower()), Vector256.LoadUnsafe(ref row, (nuint)(p + 16))));
        acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(first.GetUpper()), Vector256.LoadUnsafe(ref row, (nuint)(p + 32))));
        return Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(second.GetUpper()), Vector256.LoadUnsafe(ref row, (nuint)(p + 48))));
    }

    /// <summary>Sign-extends packed INT4 codes (low nibble first) to bytes.</summary>
    public static sbyte[] UnpackInt4(ReadOnlySpan<byte> packed, int count)
    {
        if (packed.Length < (count + 1) / 2)
        {
            throw new ArgumentException($"{packed.Length} bytes cannot hold {count} INT4 codes.", nameof(packed));
        }

        var values = new sbyte[count];
        int start = 0;
        if (Avx2.IsSupported)
        {
            // 32 packed bytes to 64 codes a step: each nibble sign-extended as (x ^ 8) − 8, then low and high nibbles
            // interleaved (unpack works within 128-bit lanes, so the halves are put back in order after).
            Vector256<byte> nibble = Vector256.Create((byte)0x0F), eight = Vector256.Create((byte)8);
            for (; start + 64 <= count; start += 64)
            {
                Vector256<byte> bytes = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(packed), (nuint)(start >> 1));
                Vector256<byte> low = ((bytes & nibble) ^ eight) - eight;
                Vector256<byte> high = ((Vector256.ShiftRightLogical(bytes, 4) & nibble) ^ eight) - eight;
                Vector256<byte> first = Avx2.UnpackLow(low, high), second = Avx2.UnpackHigh(low, high);
                Avx2.Permute2x128(first, second, 0x20).AsSByte().StoreUnsafe(ref values[start]);
                Avx2.Permute2x128(first, second, 0x31).AsSByte().StoreUnsafe(ref values[start + 32]);
            }
        }

        for (int i = start; i + 1 < count; i += 2)
        {
            // Shifting the nibble to the top of an int and back sign-extends it.
            int b = packed[i >> 1];
            values[i] = (sbyte)((b << 28) >> 28);
            values[i + 1] = (sbyte)((b << 24) >> 28);
        }

        if ((count & 1) == 1)
        {
            values[count - 1] = (sbyte)((packed[count >> 1] << 28) >> 28);
        }

        return values;
    }

    /// <summary>
    /// A GEMM of per-tensor scaled INT8 or INT4 tensors (formats <c>int8</c>, <c>int4</c>, ...) with INT32
    /// accumulation: the same result as <see cref="ReferenceGemm.Compute"/> with <see cref="Accumulator.Int32"/>.
    /// </summary>
    public static GemmResult Multiply(QuantizedTensor a, QuantizedTensor w, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        if (a.Length != w.Length)
        {
            throw new ArgumentException($"Inner dimensions differ: A has K = {a.Length}, W has K = {w.Length}.");
        }

        sbyte[] av = SmallIntegers(a);
        sbyte[] wv = SmallIntegers(w);
        int m = a.Vectors;
        int n = w.Vectors;
        var c = new int[m * n];
        Multiply(av, wv, c, m, n, a.Length, maxThreads);

        // Both scales fit in 24 bits, so their product is exact and one rounding of c·(sa·sw) is the exact result rounded once.
        double scale = a.BlockScales[0] * a.TensorScale * w.BlockScales[0] * w.TensorScale;
        var values = new double[c.Length];
        for (int i = 0; i < c.Length; i++)
        {
            values[i] = c[i] * scale;
        }

        return new GemmResult(m, n, values, Accumulator.Int32, 0);
    }

    /// <summary>Whether <see cref="Multiply(QuantizedTensor, QuantizedTensor, int)"/> takes these tensors: per-tensor scaled signed INT8 or narrower, and a K no INT32 partial sum can overflow at.</summary>
    public static bool Takes(QuantizedTensor a, QuantizedTensor w)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        return IsSmallInteger(a) && IsSmallInteger(w) && a.Length == w.Length && a.Length <= MaxSafeK(128, 128);
    }

    private static bool IsSmallInteger(QuantizedTensor t) =>
        t.Element is IntFormat { IsSigned: true, Bits: <= 8 } && t.IsBlockShared && !t.HasZeroPoints && t.Format is ScaledIntFormat;

    private static sbyte[] SmallIntegers(QuantizedTensor t)
    {
        if (!IsSmallInteger(t) || t.Element is not IntFormat format)
        {
            throw new ArgumentException($"The fast integer GEMM takes per-tensor scaled signed INT8 or narrower tensors, not {t.Format.Name}.");
        }

        var values = new sbyte[t.Count];
        ReadOnlySpan<uint> codes = t.Codes;
        // A code's integer looked up, not recomputed: the codes of an 8-bit-or-narrower format are few.
        sbyte[] table = [.. Enumerable.Range(0, 1 << format.Bits).Select(code => (sbyte)format.ToInteger((uint)code))];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = table[codes[i] & (table.Length - 1)];
        }

        return values;
    }

    /// <summary>Both kernels keep exact INT32 sums: a K that could overflow one is refused, not wrapped.</summary>
    private static void CheckK(int k)
    {
        if (k > MaxSafeK(128, 128))
        {
            throw new ArgumentException($"K = {k} could overflow INT32 partial sums (limit {MaxSafeK(128, 128)} for INT8).", nameof(k));
        }
    }

    private static void CheckSizes(int aLength, int wLength, int cLength, int m, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (aLength != (long)m * k || wLength != (long)n * k || cLength != (long)m * n)
        {
            throw new ArgumentException($"Buffer sizes ({aLength}, {wLength}, {cLength}) do not match M = {m}, N = {n}, K = {k}.");
        }
    }

    private static void MultiplyColumns(sbyte[] a, sbyte[] w, int[] c, int m, int n, int k, int start, int end)
    {
        int i = 0;
        for (; i + 1 < m; i += 2)
        {
            int j = start;
            for (; j + 3 < end; j += 4)
            {
                Dot2x4(a, i * k, (i + 1) * k, w, j * k, k, c, (i * n) + j, ((i + 1) * n) + j);
            }

            for (; j < end; j++)
            {
                c[(i * n) + j] = Dot(a, i * k, w, j * k, k);
                c[((i + 1) * n) + j] = Dot(a, (i + 1) * k, w, j * k, k);
            }
        }

        if (i < m)
        {
            for (int j = start; j < end; j++)
            {
                c[(i * n) + j] = Dot(a, i * k, w, j * k, k);
            }
        }
    }

    private static int Dot(sbyte[] a, int aOffset, sbyte[] w, int wOffset, int k)
    {
        int p = 0;
        int sum = 0;
        if (Avx2.IsSupported)
        {
            Vector256<int> acc = Vector256<int>.Zero;
            for (; p + 16 <= k; p += 16)
            {
                acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Load(a, aOffset + p), Load(w, wOffset + p)));
            }

            sum = Vector256.Sum(acc);
        }

        return sum + Tail(a, aOffset, w, wOffset, p, k);
    }

    // Two rows of A against four weight columns: each loaded vector is reused 2 or 4 times.
    private static void Dot2x4(sbyte[] a, int a0, int a1, sbyte[] w, int w0, int k, int[] c, int c0, int c1)
    {
        if (!Avx2.IsSupported)
        {
            for (int j = 0; j < 4; j++)
            {
                c[c0 + j] = Dot(a, a0, w, w0 + (j * k), k);
                c[c1 + j] = Dot(a, a1, w, w0 + (j * k), k);
            }

            return;
        }

        Vector256<int> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<int> s10 = default, s11 = default, s12 = default, s13 = default;
        int p = 0;
        if (Avx512BW.IsSupported && k >= 32)
        {
            // 32 products a step where the CPU has AVX-512 (vpmaddwd on 512 bits), folded into the 256-bit sums.
            (Vector512<int> t00, Vector512<int> t01, Vector512<int> t02, Vector512<int> t03) = (default, default, default, default);
            (Vector512<int> t10, Vector512<int> t11, Vector512<int> t12, Vector512<int> t13) = (default, default, default, default);
            for (; p + 32 <= k; p += 32)
            {
                Vector512<short> x0 = Load512(a, a0 + p);
                Vector512<short> x1 = Load512(a, a1 + p);
                Vector512<short> y0 = Load512(w, w0 + p);
                Vector512<short> y1 = Load512(w, w0 + k + p);
                Vector512<short> y2 = Load512(w, w0 + (2 * k) + p);
                Vector512<short> y3 = Load512(w, w0 + (3 * k) + p);
                t00 = Avx512F.Add(t00, Avx512BW.MultiplyAddAdjacent(x0, y0));
                t01 = Avx512F.Add(t01, Avx512BW.MultiplyAddAdjacent(x0, y1));
                t02 = Avx512F.Add(t02, Avx512BW.MultiplyAddAdjacent(x0, y2));
                t03 = Avx512F.Add(t03, Avx512BW.MultiplyAddAdjacent(x0, y3));
                t10 = Avx512F.Add(t10, Avx512BW.MultiplyAddAdjacent(x1, y0));
                t11 = Avx512F.Add(t11, Avx512BW.MultiplyAddAdjacent(x1, y1));
                t12 = Avx512F.Add(t12, Avx512BW.MultiplyAddAdjacent(x1, y2));
                t13 = Avx512F.Add(t13, Avx512BW.MultiplyAddAdjacent(x1, y3));
            }

            (s00, s01, s02, s03) = (Fold(t00), Fold(t01), Fold(t02), Fold(t03));
            (s10, s11, s12, s13) = (Fold(t10), Fold(t11), Fold(t12), Fold(t13));
        }

        for (; p + 16 <= k; p += 16)
        {
            Vector256<short> x0 = Load(a, a0 + p);
            Vector256<short> x1 = Load(a, a1 + p);
            Vector256<short> y0 = Load(w, w0 + p);
            Vector256<short> y1 = Load(w, w0 + k + p);
            Vector256<short> y2 = Load(w, w0 + (2 * k) + p);
            Vector256<short> y3 = Load(w, w0 + (3 * k) + p);
            s00 = Avx2.Add(s00, Avx2.MultiplyAddAdjacent(x0, y0));
            s01 = Avx2.Add(s01, Avx2.MultiplyAddAdjacent(x0, y1));
            s02 = Avx2.Add(s02, Avx2.MultiplyAddAdjacent(x0, y2));
            s03 = Avx2.Add(s03, Avx2.MultiplyAddAdjacent(x0, y3));
            s10 = Avx2.Add(s10, Avx2.MultiplyAddAdjacent(x1, y0));
            s11 = Avx2.Add(s11, Avx2.MultiplyAddAdjacent(x1, y1));
            s12 = Avx2.Add(s12, Avx2.MultiplyAddAdjacent(x1, y2));
            s13 = Avx2.Add(s13, Avx2.MultiplyAddAdjacent(x1, y3));
        }

        c[c0] = Vector256.Sum(s00) + Tail(a, a0, w, w0, p, k);
        c[c0 + 1] = Vector256.Sum(s01) + Tail(a, a0, w, w0 + k, p, k);
        c[c0 + 2] = Vector256.Sum(s02) + Tail(a, a0, w, w0 + (2 * k), p, k);
        c[c0 + 3] = Vector256.Sum(s03) + Tail(a, a0, w, w0 + (3 * k), p, k);
        c[c1] = Vector256.Sum(s10) + Tail(a, a1, w, w0, p, k);
        c[c1 + 1] = Vector256.Sum(s11) + Tail(a, a1, w, w0 + k, p, k);
        c[c1 + 2] = Vector256.Sum(s12) + Tail(a, a1, w, w0 + (2 * k), p, k);
        c[c1 + 3] = Vector256.Sum(s13) + Tail(a, a1, w, w0 + (3 * k), p, k);
    }

    private static int Tail(sbyte[] a, int aOffset, sbyte[] w, int wOffset, int from, int k)
    {
        // Unchecked: CheckK bounds every partial sum inside INT32, so the overflow checks would only cost time.
        int sum = 0;
        for (int p = from; p < k; p++)
        {
            sum = unchecked(sum + (a[aOffset + p] * w[wOffset + p]));
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Load512(sbyte[] source, int offset) =>
        Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref source[offset]));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Fold(Vector512<int> sums) => Avx2.Add(sums.GetLower(), sums.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Load(sbyte[] source, int offset) =>
        Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref source[offset]));
}
