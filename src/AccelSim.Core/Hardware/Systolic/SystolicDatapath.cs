using System.Buffers;
using System.Numerics;
using AccelSim.Numerics;

namespace AccelSim.Hardware.Systolic;

/// <summary>
/// The arithmetic of the array's MAC columns, fold by fold: INT32 accumulators that wrap like hardware for integer
/// formats, FP32 fused multiply-adds for floating-point formats. Outputs are dequantized once, after accumulation,
/// by the product of the two operands' scales.
/// </summary>
internal static class SystolicDatapath
{
    /// <summary>
    /// Each fold's column sum and the accumulator wrap to INT32 like the hardware's, and every wrap is counted. Where
    /// K · largest |activation| · largest |weight| stays inside INT32, no partial sum can wrap whatever the folds: then,
    /// unless asked for every step, each output is one whole integer dot product (the same bits, nothing to count).
    /// </summary>
    public static GemmResult Integer(QuantizedTensor a, QuantizedTensor w, int chunk, bool stepByStep)
    {
        int[]? aTable = Table(a), wTable = Table(w);
        if (!stepByStep && aTable is not null && wTable is not null
            && (long)a.Length * Largest(aTable) * Largest(wTable) <= int.MaxValue)
        {
            return WholeDots(a, w, aTable, wTable);
        }

        int m = a.Vectors;
        int n = w.Vectors;
        int k = a.Length;
        int[] av = Elements(a, aTable);
        int[] wv = Elements(w, wTable);
        var c = new double[m * n];
        long overflows = 0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int accumulator = 0;
                for (int start = 0; start < k; start += chunk)
                {
                    int end = Math.Min(k, start + chunk);
                    int column = 0;
                    for (int x = start; x < end; x++)
                    {
                        long exact = column + ((long)av[(i * k) + x] * wv[(j * k) + x]);
                        overflows += exact is > int.MaxValue or < int.MinValue ? 1 : 0;
                        column = unchecked((int)exact);
                    }

                    long sum = (long)accumulator + column;
                    overflows += sum is > int.MaxValue or < int.MinValue ? 1 : 0;
                    accumulator = unchecked((int)sum);
                }

                // Both scales have at most 24 significant bits, so their product is exact and one rounding remains.
                c[(i * n) + j] = accumulator * (a.Scale(i, 0) * w.Scale(j, 0));
            }
        }

        return new GemmResult(m, n, c, Accumulator.Int32Wrapping, overflows);
    }

    public static GemmResult Float(QuantizedTensor a, QuantizedTensor w, int chunk)
    {
        int m = a.Vectors;
        int n = w.Vectors;
        int k = a.Length;
        float[] av = Values(a);
        float[] wv = Values(w);
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float accumulator = 0;
                for (int start = 0; start < k; start += chunk)
                {
                    int end = Math.Min(k, start + chunk);
                    float column = 0;
                    for (int x = start; x < end; x++)
                    {
                        column = MathF.FusedMultiplyAdd(av[(i * k) + x], wv[(j * k) + x], column);
                    }

                    accumulator = start == 0 ? column : accumulator + column;
                }

                c[(i * n) + j] = accumulator;
            }
        }

        return new GemmResult(m, n, c, Accumulator.Fp32, 0);
    }

    /// <summary>Outputs as whole dot products of the codes' integers, held as 16-bit values and summed in 32-bit lanes.</summary>
    private static GemmResult WholeDots(QuantizedTensor a, QuantizedTensor w, int[] aTable, int[] wTable)
    {
        int m = a.Vectors, n = w.Vectors, k = a.Length;
        short[] av = ArrayPool<short>.Shared.Rent(a.Count);
        short[] wv = ArrayPool<short>.Shared.Rent(w.Count);
        Decode(a.Codes, aTable, av);
        Decode(w.Codes, wTable, wv);
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<short> row = av.AsSpan(i * k, k);
            for (int j = 0; j < n; j++)
            {
                c[(i * n) + j] = Dot(row, wv.AsSpan(j * k, k)) * (a.Scale(i, 0) * w.Scale(j, 0));
            }
        }

        ArrayPool<short>.Shared.Return(av);
        ArrayPool<short>.Shared.Return(wv);
        return new GemmResult(m, n, c, Accumulator.Int32Wrapping, 0);
    }

    /// <summary>
    /// Σ x·y, where the caller has bounded every partial sum inside INT32 (so lanes may take any subset). A loop of its
    /// own rather than <see cref="IntegerGemm"/>'s kernels: the functional check's reference runs on those, and the
    /// array it checks must not share them.
    /// </summary>
    private static int Dot(ReadOnlySpan<short> x, ReadOnlySpan<short> y)
    {
        var sums = Vector<int>.Zero;
        int i = 0;
        for (; i <= x.Length - Vector<short>.Count; i += Vector<short>.Count)
        {
            Vector.Widen(new Vector<short>(x[i..]), out Vector<int> x0, out Vector<int> x1);
            Vector.Widen(new Vector<short>(y[i..]), out Vector<int> y0, out Vector<int> y1);
            sums += (x0 * y0) + (x1 * y1);
        }

        int sum = Vector.Sum(sums);
        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    private static void Decode(ReadOnlySpan<uint> codes, int[] table, Span<short> values)
    {
        for (int i = 0; i < codes.Length; i++)
        {
            values[i] = (short)table[codes[i]];
        }
    }

    /// <summary>The integer each code of a tensor stands for, where a table says it (8 bits or fewer, no zero points or block elements).</summary>
    private static int[]? Table(QuantizedTensor t) => t.Element.Bits <= 8 && !t.HasZeroPoints && !t.HasBlockElements
        ? [.. Enumerable.Range(0, 1 << t.Element.Bits).Select(code => (int)t.Element.Decode((uint)code))]
        : null;

    private static long Largest(int[] table) => table.Max(v => Math.Abs((long)v));

    private static int[] Elements(QuantizedTensor t, int[]? table)
    {
        var values = new int[t.Count];
        if (table is not null)
        {
            // The array's MAC sees the integer a code stands for.
            ReadOnlySpan<uint> codes = t.Codes;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = table[codes[i]];
            }

            return values;
        }

        for (int v = 0; v < t.Vectors; v++)
        {
            for (int i = 0; i < t.Length; i++)
            {
                values[(v * t.Length) + i] = checked((int)t.ElementValue(v, i));
            }
        }

        return values;
    }

    private static float[] Values(QuantizedTensor t)
    {
        var values = new float[t.Count];
        for (int v = 0; v < t.Vectors; v++)
        {
            for (int i = 0; i < t.Length; i++)
            {
                // Plain floating-point formats of at most 32 bits decode to values a float holds exactly.
                values[(v * t.Length) + i] = (float)t.Value(v, i);
            }
        }

        return values;
    }
}
