using AccelSim.Numerics;

namespace AccelSim.Hardware.Systolic;

/// <summary>
/// The arithmetic of the array's MAC columns, fold by fold: INT32 accumulators that wrap like hardware for integer
/// formats, FP32 fused multiply-adds for floating-point formats. Outputs are dequantized once, after accumulation,
/// by the product of the two operands' scales.
/// </summary>
internal static class SystolicDatapath
{
    public static GemmResult Integer(QuantizedTensor a, QuantizedTensor w, int chunk)
    {
        int m = a.Vectors;
        int n = w.Vectors;
        int k = a.Length;
        int[] av = Elements(a);
        int[] wv = Elements(w);
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

    private static int[] Elements(QuantizedTensor t)
    {
        var values = new int[t.Count];
        if (t.Element.Bits <= 8 && !t.HasZeroPoints && !t.HasBlockElements)
        {
            // A decode table per code: the array's MAC sees the integer a code stands for.
            int[] table = [.. Enumerable.Range(0, 1 << t.Element.Bits).Select(code => (int)t.Element.Decode((uint)code))];
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
