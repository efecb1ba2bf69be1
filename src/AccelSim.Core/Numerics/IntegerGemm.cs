using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AccelSim.Numerics;

/// <summary>
/// Fast exact integer GEMM: INT8×INT8 and INT4×INT8 with INT32 accumulation, on the best <see cref="IntegerKernel"/>
/// the CPU has (VNNI's four-byte dot products, else pairs of sign-extended 16-bit products summed by vpmaddwd on 512
/// or 256 bits, else scalar) and spread over cores by blocks of output columns.
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

    /// <summary>The fastest kernel this CPU runs.</summary>
    public static IntegerKernel Best { get; } = Enum.GetValues<IntegerKernel>().Last(Runs);

    /// <summary>Whether this CPU runs <paramref name="kernel"/>.</summary>
    public static bool Runs(IntegerKernel kernel) => kernel switch
    {
        IntegerKernel.Scalar => true,
        IntegerKernel.Avx2 => Avx2.IsSupported,
        IntegerKernel.Avx512BW => Avx2.IsSupported && Avx512BW.IsSupported,
        IntegerKernel.Vnni => Avx2.IsSupported && AvxVnni.IsSupported,
        _ => false,
    };

    public static void Multiply(sbyte[] a, sbyte[] w, int[] c, int m, int n, int k, int maxThreads = -1) =>
        Multiply(a, w, c, m, n, k, Best, maxThreads);

    /// <summary>As <see cref="Multiply(sbyte[], sbyte[], int[], int, int, int, int)"/>, on the kernel named (one <see cref="Runs"/> says this CPU has): every kernel gives the same result.</summary>
    public static void Multiply(sbyte[] a, sbyte[] w, int[] c, int m, int n, int k, IntegerKernel kernel, int maxThreads = -1)
    {
        CheckSizes(a.Length, w.Length, c.Length, m, n, k);
        CheckK(k);
        if (!Runs(kernel))
        {
            throw new PlatformNotSupportedException($"This CPU does not run the {kernel} integer kernel (best here: {Best}).");
        }

        // VNNI multiplies unsigned bytes by signed ones: A enters offset by 128 (a ^ 0x80), once for all blocks.
        byte[]? offsetA = kernel == IntegerKernel.Vnni && m >= VnniRows ? OffsetBy128(a) : null;

        // Columns per task: enough weight rows to stay in the L2 cache while every row of A streams past them.
        int columnsPerBlock = Math.Max(4, Math.Min(256, CacheBudgetBytes / Math.Max(1, k)) & ~3);
        int blocks = (n + columnsPerBlock - 1) / columnsPerBlock;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
        Parallel.For(0, blocks, options, b =>
        {
            int start = b * columnsPerBlock;
            MultiplyColumns(kernel, a, offsetA, w, c, m, n, k, start, Math.Min(n, start + columnsPerBlock));
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
        ref byte column = ref packed[byteOffset];
        int p = k & ~63;
        unchecked
        {
            // Indexed unchecked, as the INT8 kernels (every read stays inside, since q + 64 ≤ k).
            for (nuint q = 0; q < (nuint)p; q += 64)
            {
                Vector256<byte> bytes = Vector256.LoadUnsafe(ref column, q >> 1);
                Vector256<byte> low = ((bytes & nibble) ^ eight) - eight;
                Vector256<byte> high = ((Vector256.ShiftRightLogical(bytes, 4) & nibble) ^ eight) - eight;
                acc = AddPackedStep(acc, low, high, ref row, q);
            }
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
    internal static Vector256<int> AddPackedStep(Vector256<int> acc, Vector256<byte> low, Vector256<byte> high, ref short row, nuint p)
    {
        Vector256<sbyte> first = Avx2.UnpackLow(low, high).AsSByte(), second = Avx2.UnpackHigh(low, high).AsSByte();
        unchecked
        {
            acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(first.GetLower()), Vector256.LoadUnsafe(ref row, p)));
            acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(second.GetLower()), Vector256.LoadUnsafe(ref row, p + 16)));
            acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(first.GetUpper()), Vector256.LoadUnsafe(ref row, p + 32)));
            return Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(second.GetUpper()), Vector256.LoadUnsafe(ref row, p + 48)));
        }
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

    private const int VnniRows = 4;

    private static void MultiplyColumns(IntegerKernel kernel, sbyte[] a, byte[]? offsetA, sbyte[] w, int[] c, int m, int n, int k, int start, int end)
    {
        int i = 0;
        if (offsetA is not null)
        {
            // 128 × each column's sum over the K the VNNI loop covers comes back out of the offset rows' sums.
            Span<int> offsets = stackalloc int[end - start];
            VnniOffsets(w, k, start, offsets);
            for (; i + VnniRows <= m; i += VnniRows)
            {
                int j = start;
                for (; j + 1 < end; j += 2)
                {
                    Vnni4x2(offsetA, a, i, w, j, k, n, c, offsets[j - start], offsets[j - start + 1]);
                }

                for (; j < end; j++)
                {
                    for (int row = i; row < i + VnniRows; row++)
                    {
                        c[(row * n) + j] = Dot(kernel, a, row * k, w, j * k, k);
                    }
                }
            }
        }

        // The rows VNNI's blocks of four leave, on the best kernel below it.
        if (kernel == IntegerKernel.Vnni)
        {
            kernel = Runs(IntegerKernel.Avx512BW) ? IntegerKernel.Avx512BW : IntegerKernel.Avx2;
        }

        for (; i + 1 < m; i += 2)
        {
            int j = start;
            for (; j + 3 < end; j += 4)
            {
                Dot2x4(kernel, a, i * k, (i + 1) * k, w, j * k, k, c, (i * n) + j, ((i + 1) * n) + j);
            }

            for (; j < end; j++)
            {
                c[(i * n) + j] = Dot(kernel, a, i * k, w, j * k, k);
                c[((i + 1) * n) + j] = Dot(kernel, a, (i + 1) * k, w, j * k, k);
            }
        }

        if (i < m)
        {
            for (int j = start; j < end; j++)
            {
                c[(i * n) + j] = Dot(kernel, a, i * k, w, j * k, k);
            }
        }
    }

    private static byte[] OffsetBy128(sbyte[] a)
    {
        var offset = new byte[a.Length];
        int p = 0;
        for (; p + 32 <= a.Length; p += 32)
        {
            (Vector256.LoadUnsafe(ref a[p]).AsByte() ^ Vector256.Create((byte)0x80)).StoreUnsafe(ref offset[p]);
        }

        for (; p < a.Length; p++)
        {
            offset[p] = unchecked((byte)(a[p] ^ 0x80));
        }

        return offset;
    }

    /// <summary>128 × the sum of each column of the block over the K the VNNI loop covers (whole 32-byte steps).</summary>
    private static void VnniOffsets(sbyte[] w, int k, int start, Span<int> offsets)
    {
        Vector256<byte> ones = Vector256.Create((byte)1);
        for (int j = 0; j < offsets.Length; j++)
        {
            int column = (start + j) * k;
            Vector256<int> sum = Vector256<int>.Zero;
            for (int p = 0; p + 32 <= k; p += 32)
            {
                sum = AvxVnni.MultiplyWideningAndAdd(sum, ones, Vector256.LoadUnsafe(ref w[column + p]));
            }

            offsets[j] = unchecked(128 * Vector256.Sum(sum));
        }
    }

    /// <summary>
    /// Four rows of A (offset by 128) against two weight columns, 32 products per vpdpbusd, each four summed into a
    /// lane: each weight vector, the one read from L2, serves four rows. The offset sums wrap in INT32 on the way; the
    /// true result fits (CheckK), so taking the offsets back out wraps them to it.
    /// </summary>
    private static void Vnni4x2(byte[] offsetA, sbyte[] a, int i, sbyte[] w, int j, int k, int n, int[] c, int offset0, int offset1)
    {
        int a0 = i * k, w0 = j * k;
        Vector256<int> s00 = default, s01 = default, s10 = default, s11 = default;
        Vector256<int> s20 = default, s21 = default, s30 = default, s31 = default;

        // Rows and columns as references, indexed unchecked: per-step index arithmetic with overflow and bounds
        // checks costs more than the products (every read stays inside, since p + 32 ≤ k).
        ref sbyte y0 = ref w[w0], y1 = ref w[w0 + k];
        ref byte x0 = ref offsetA[a0], x1 = ref offsetA[a0 + k], x2 = ref offsetA[a0 + (2 * k)], x3 = ref offsetA[a0 + (3 * k)];
        int p = 0;
        unchecked
        {
            for (nuint q = 0, end = (nuint)(k & ~31); q < end; q += 32)
            {
                Vector256<sbyte> v0 = Vector256.LoadUnsafe(ref y0, q), v1 = Vector256.LoadUnsafe(ref y1, q);
                Vector256<byte> x = Vector256.LoadUnsafe(ref x0, q);
                s00 = AvxVnni.MultiplyWideningAndAdd(s00, x, v0);
                s01 = AvxVnni.MultiplyWideningAndAdd(s01, x, v1);
                x = Vector256.LoadUnsafe(ref x1, q);
                s10 = AvxVnni.MultiplyWideningAndAdd(s10, x, v0);
                s11 = AvxVnni.MultiplyWideningAndAdd(s11, x, v1);
                x = Vector256.LoadUnsafe(ref x2, q);
                s20 = AvxVnni.MultiplyWideningAndAdd(s20, x, v0);
                s21 = AvxVnni.MultiplyWideningAndAdd(s21, x, v1);
                x = Vector256.LoadUnsafe(ref x3, q);
                s30 = AvxVnni.MultiplyWideningAndAdd(s30, x, v0);
                s31 = AvxVnni.MultiplyWideningAndAdd(s31, x, v1);
            }

            p = k & ~31;
        }

        c[(i * n) + j] = unchecked(Vector256.Sum(s00) - offset0 + Tail(a, a0, w, w0, p, k));
        c[(i * n) + j + 1] = unchecked(Vector256.Sum(s01) - offset1 + Tail(a, a0, w, w0 + k, p, k));
        c[((i + 1) * n) + j] = unchecked(Vector256.Sum(s10) - offset0 + Tail(a, a0 + k, w, w0, p, k));
        c[((i + 1) * n) + j + 1] = unchecked(Vector256.Sum(s11) - offset1 + Tail(a, a0 + k, w, w0 + k, p, k));
        c[((i + 2) * n) + j] = unchecked(Vector256.Sum(s20) - offset0 + Tail(a, a0 + (2 * k), w, w0, p, k));
        c[((i + 2) * n) + j + 1] = unchecked(Vector256.Sum(s21) - offset1 + Tail(a, a0 + (2 * k), w, w0 + k, p, k));
        c[((i + 3) * n) + j] = unchecked(Vector256.Sum(s30) - offset0 + Tail(a, a0 + (3 * k), w, w0, p, k));
        c[((i + 3) * n) + j + 1] = unchecked(Vector256.Sum(s31) - offset1 + Tail(a, a0 + (3 * k), w, w0 + k, p, k));
    }

    private static int Dot(IntegerKernel kernel, sbyte[] a, int aOffset, sbyte[] w, int wOffset, int k)
    {
        int p = 0;
        int sum = 0;
        if (kernel != IntegerKernel.Scalar)
        {
            Vector256<int> acc = Vector256<int>.Zero;
            ref sbyte x = ref a[aOffset], y = ref w[wOffset];
            unchecked
            {
                for (nuint q = 0, end = (nuint)(k & ~15); q < end; q += 16)
                {
                    acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(Load(ref x, q), Load(ref y, q)));
                }

                p = k & ~15;
            }

            sum = Vector256.Sum(acc);
        }

        return sum + Tail(a, aOffset, w, wOffset, p, k);
    }

    // Two rows of A against four weight columns: each loaded vector is reused 2 or 4 times.
    private static void Dot2x4(IntegerKernel kernel, sbyte[] a, int a0, int a1, sbyte[] w, int w0, int k, int[] c, int c0, int c1)
    {
        if (kernel == IntegerKernel.Scalar)
        {
            for (int j = 0; j < 4; j++)
            {
                c[c0 + j] = Dot(kernel, a, a0, w, w0 + (j * k), k);
                c[c1 + j] = Dot(kernel, a, a1, w, w0 + (j * k), k);
            }

            return;
        }

        Vector256<int> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector256<int> s10 = default, s11 = default, s12 = default, s13 = default;

        // References indexed unchecked, as in Vnni4x2.
        ref sbyte x0 = ref a[a0], x1 = ref a[a1];
        ref sbyte y0 = ref w[w0], y1 = ref w[w0 + k], y2 = ref w[w0 + (2 * k)], y3 = ref w[w0 + (3 * k)];
        nuint q = 0;
        unchecked
        {
            if (kernel == IntegerKernel.Avx512BW && k >= 32)
            {
                // 32 products a step where the CPU has AVX-512 (vpmaddwd on 512 bits), folded into the 256-bit sums.
                (Vector512<int> t00, Vector512<int> t01, Vector512<int> t02, Vector512<int> t03) = (default, default, default, default);
                (Vector512<int> t10, Vector512<int> t11, Vector512<int> t12, Vector512<int> t13) = (default, default, default, default);
                for (nuint end = (nuint)(k & ~31); q < end; q += 32)
                {
                    Vector512<short> u0 = Load512(ref x0, q), u1 = Load512(ref x1, q);
                    Vector512<short> v0 = Load512(ref y0, q), v1 = Load512(ref y1, q), v2 = Load512(ref y2, q), v3 = Load512(ref y3, q);
                    t00 = Avx512F.Add(t00, Avx512BW.MultiplyAddAdjacent(u0, v0));
                    t01 = Avx512F.Add(t01, Avx512BW.MultiplyAddAdjacent(u0, v1));
                    t02 = Avx512F.Add(t02, Avx512BW.MultiplyAddAdjacent(u0, v2));
                    t03 = Avx512F.Add(t03, Avx512BW.MultiplyAddAdjacent(u0, v3));
                    t10 = Avx512F.Add(t10, Avx512BW.MultiplyAddAdjacent(u1, v0));
                    t11 = Avx512F.Add(t11, Avx512BW.MultiplyAddAdjacent(u1, v1));
                    t12 = Avx512F.Add(t12, Avx512BW.MultiplyAddAdjacent(u1, v2));
                    t13 = Avx512F.Add(t13, Avx512BW.MultiplyAddAdjacent(u1, v3));
                }

                (s00, s01, s02, s03) = (Fold(t00), Fold(t01), Fold(t02), Fold(t03));
                (s10, s11, s12, s13) = (Fold(t10), Fold(t11), Fold(t12), Fold(t13));
            }

            for (nuint end = (nuint)(k & ~15); q < end; q += 16)
            {
                Vector256<short> u0 = Load(ref x0, q), u1 = Load(ref x1, q);
                Vector256<short> v0 = Load(ref y0, q), v1 = Load(ref y1, q), v2 = Load(ref y2, q), v3 = Load(ref y3, q);
                s00 = Avx2.Add(s00, Avx2.MultiplyAddAdjacent(u0, v0));
                s01 = Avx2.Add(s01, Avx2.MultiplyAddAdjacent(u0, v1));
                s02 = Avx2.Add(s02, Avx2.MultiplyAddAdjacent(u0, v2));
                s03 = Avx2.Add(s03, Avx2.MultiplyAddAdjacent(u0, v3));
                s10 = Avx2.Add(s10, Avx2.MultiplyAddAdjacent(u1, v0));
                s11 = Avx2.Add(s11, Avx2.MultiplyAddAdjacent(u1, v1));
                s12 = Avx2.Add(s12, Avx2.MultiplyAddAdjacent(u1, v2));
                s13 = Avx2.Add(s13, Avx2.MultiplyAddAdjacent(u1, v3));
            }
        }

        int p = (int)q;
        c[c0] = unchecked(Vector256.Sum(s00) + Tail(a, a0, w, w0, p, k));
        c[c0 + 1] = unchecked(Vector256.Sum(s01) + Tail(a, a0, w, w0 + k, p, k));
        c[c0 + 2] = unchecked(Vector256.Sum(s02) + Tail(a, a0, w, w0 + (2 * k), p, k));
        c[c0 + 3] = unchecked(Vector256.Sum(s03) + Tail(a, a0, w, w0 + (3 * k), p, k));
        c[c1] = unchecked(Vector256.Sum(s10) + Tail(a, a1, w, w0, p, k));
        c[c1 + 1] = unchecked(Vector256.Sum(s11) + Tail(a, a1, w, w0 + k, p, k));
        c[c1 + 2] = unchecked(Vector256.Sum(s12) + Tail(a, a1, w, w0 + (2 * k), p, k));
        c[c1 + 3] = unchecked(Vector256.Sum(s13) + Tail(a, a1, w, w0 + (3 * k), p, k));
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
    private static Vector512<short> Load512(ref sbyte row, nuint offset) =>
        Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref row, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Fold(Vector512<int> sums) => Avx2.Add(sums.GetLower(), sums.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Load(ref sbyte row, nuint offset) =>
        Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref row, offset));
}
