namespace AccelSim.Numerics;

/// <summary>
/// The exact reference GEMM every PE's functional result is checked against: C = A·W with A an M×K activation
/// tensor (M vectors of length K) and W a K×N weight tensor stored as N vectors of length K.
/// Deliberately simple and slow: one exact sum per output, no blocking, no SIMD.
/// </summary>
public static class ReferenceGemm
{
    /// <param name="reductionChunk">
    /// For the floating-point accumulators: when positive, K is summed in chunks of this many products, each chunk
    /// from zero, and the chunk sums are then added in order (how a weight-stationary array adds one fold's column
    /// sum to the partial sum of the previous folds). Every addition is rounded.
    /// </param>
    /// <param name="weightRounding">
    /// For a PE that converts its weights before multiplying (dequantize-then-MAC): the element format every weight
    /// value is rounded to (nearest-even) first.
    /// </param>
    public static GemmResult Compute(
        QuantizedTensor a, QuantizedTensor w, Accumulator accumulator = Accumulator.Exact, int reductionChunk = 0, IElementFormat? weightRounding = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        if (a.Length != w.Length)
        {
            throw new ArgumentException($"Inner dimensions differ: A has K = {a.Length}, W has K = {w.Length}.");
        }

        bool integerAccumulator = accumulator is Accumulator.Int32 or Accumulator.Int32Wrapping or Accumulator.Int32GroupsFp32;
        if (integerAccumulator && !(a.Element.IsInteger && w.Element.IsInteger))
        {
            throw new ArgumentException($"An INT32 accumulator needs integer elements; got {a.Element.Name} × {w.Element.Name}.");
        }

        bool perSegment = integerAccumulator || accumulator == Accumulator.ExactGroupsFp32;
        if (perSegment && weightRounding is not null)
        {
            throw new ArgumentException("Weights rounded to another format have no segments to scale per group.");
        }

        int m = a.Vectors;
        int n = w.Vectors;
        int k = a.Length;
        // Integer and per-group accumulators sum unscaled element values and apply the scales per segment. Weights are
        // taken one column at a time, so a large weight matrix is never copied whole.
        double[] av = perSegment ? ElementValues(a) : a.Dequantize();
        var column = new double[k];
        var c = new double[m * n];
        long overflows = 0;
        var sum = new ExactSum();
        for (int j = 0; j < n; j++)
        {
            if (perSegment)
            {
                w.ElementValuesOf(j, column);
            }
            else if (weightRounding is null)
            {
                w.ValuesOf(j, column);
            }
            else
            {
                w.ValuesOf(j, column, value => weightRounding.Decode(weightRounding.Encode(value)));
            }

            for (int i = 0; i < m; i++)
            {
                sum.Clear();
                ReadOnlySpan<double> row = av.AsSpan(i * k, k);
                c[(i * n) + j] = accumulator switch
                {
                    Accumulator.Exact => DotExact(row, column, sum),
                    Accumulator.Fp32 => DotChunked(row, column, sum, ElementFormats.Fp32, reductionChunk),
                    Accumulator.Fp16 => DotChunked(row, column, sum, ElementFormats.Fp16, reductionChunk),
                    Accumulator.Int32GroupsFp32 => DotInt32(a, i, w, j, row, column, sum, false, ref overflows, ElementFormats.Fp32),
                    Accumulator.ExactGroupsFp32 => DotExactGroups(a, i, w, j, row, column, sum, ElementFormats.Fp32),
                    Accumulator.ExactChunksFp32 => DotExactChunks(row, column, sum, ElementFormats.Fp32, reductionChunk),
                    _ => DotInt32(a, i, w, j, row, column, sum, accumulator == Accumulator.Int32Wrapping, ref overflows),
                };
            }
        }

        return new GemmResult(m, n, c, accumulator, overflows);
    }

    /// <summary>The exact product of unquantized FP64 matrices (A: M×K row-major, W: N×K, K-contiguous), each output rounded once.</summary>
    public static double[] Exact(ReadOnlySpan<double> a, ReadOnlySpan<double> wByColumn, int m, int n, int k)
    {
        if (a.Length != (long)m * k || wByColumn.Length != (long)n * k)
        {
            throw new ArgumentException("Operand sizes do not match M, N and K.");
        }

        var c = new double[m * n];
        var sum = new ExactSum();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                sum.Clear();
                c[(i * n) + j] = DotExact(a.Slice(i * k, k), wByColumn.Slice(j * k, k), sum);
            }
        }

        return c;
    }

    private static double[] ElementValues(QuantizedTensor t)
    {
        var values = new double[t.Count];
        for (int v = 0; v < t.Vectors; v++)
        {
            t.ElementValuesOf(v, values.AsSpan(v * t.Length, t.Length));
        }

        return values;
    }

    private static double DotExact(ReadOnlySpan<double> a, ReadOnlySpan<double> w, ExactSum sum)
    {
        for (int k = 0; k < a.Length; k++)
        {
            if (!double.IsFinite(a[k]) || !double.IsFinite(w[k]))
            {
                return double.NaN;
            }

            sum.AddProduct(a[k], w[k]);
        }

        return sum.ToDouble();
    }

    private static double DotChunked(ReadOnlySpan<double> a, ReadOnlySpan<double> w, ExactSum sum, MiniFloatFormat format, int chunk)
    {
        if (chunk <= 0 || chunk >= a.Length)
        {
            return DotRounded(a, w, sum, format);
        }

        double total = 0;
        for (int start = 0; start < a.Length; start += chunk)
        {
            int length = Math.Min(chunk, a.Length - start);
            double partial = DotRounded(a.Slice(start, length), w.Slice(start, length), sum, format);
            total = DotRounded([total, partial], [1.0, 1.0], sum, format);
        }

        return total;
    }

    private static double DotRounded(ReadOnlySpan<double> a, ReadOnlySpan<double> w, ExactSum sum, MiniFloatFormat format)
    {
        int precision = format.MantissaBits + 1;
        int minExponent = 1 - format.Bias - format.MantissaBits;
        bool fp32 = ReferenceEquals(format, ElementFormats.Fp32);
        double acc = 0;
        for (int k = 0; k < a.Length; k++)
        {
            if (fp32 && TryFp32Step(acc, a[k], w[k], out double quick))
            {
                acc = quick;
                continue;
            }

            if (!double.IsFinite(acc) || !double.IsFinite(a[k]) || !double.IsFinite(w[k]))
            {
                acc += a[k] * w[k]; // IEEE propagation of NaN and infinities
                continue;
            }

            sum.Clear();
            sum.Add(acc);
            sum.AddProduct(a[k], w[k]);
            double next = sum.Round(precision, minExponent, format.MaxFinite);
            acc = next == 0 && sum.IsZero ? (double.IsNegative(acc) && double.IsNegative(a[k] * w[k]) ? -0.0 : 0.0) : next;
        }

        return acc;
    }

    /// <summary>
    /// fp32(acc + a·w) without big integers, when the product is exact in FP64 and nothing overflows (false
    /// otherwise, and the caller takes the exact-sum path): TwoSum gives the sum exactly as s + e, s is then rounded
    /// to odd (moved one unit toward e when e ≠ 0 and s is even), and a value rounded to odd at 53 bits rounds to
    /// FP32 correctly (Boldo and Melquiond, IEEE TC 2008).
    /// </summary>
    internal static bool TryFp32Step(double acc, double a, double w, out double next)
    {
        double p = a * w;
        double s = acc + p;
        next = 0;
        if (!double.IsFinite(s) || Math.FusedMultiplyAdd(a, w, -p) != 0 || (p != 0 && Math.Abs(p) < 1e-270))
        {
            return false;
        }

        double pp = s - acc;
        double e = (acc - (s - pp)) + (p - pp);
        if (e != 0 && (BitConverter.DoubleToInt64Bits(s) & 1) == 0)
        {
            s = e > 0 ? Math.BitIncrement(s) : Math.BitDecrement(s);
        }

        next = (float)s;
        return true;
    }

    private static double DotInt32(
        QuantizedTensor a,
        int row,
        QuantizedTensor w,
        int column,
        ReadOnlySpan<double> av,
        ReadOnlySpan<double> wv,
        ExactSum sum,
        bool wrapping,
        ref long overflows,
        MiniFloatFormat? groupsIn = null)
    {
        int k = av.Length;
        int start = 0;
        double rounded = 0;
        while (start < k)
        {
            // A segment ends where either operand's scale block ends.
            int end = Math.Min(SegmentEnd(a, start), SegmentEnd(w, start));
            int partial = 0;
            if (SmallIntegerDot(av[start..end], wv[start..end]) is int quick)
            {
                partial = quick;
            }
            else
            {
                for (int i = start; i < end; i++)
                {
                    long exact = (long)partial + ((long)av[i] * (long)wv[i]);
                    if (exact is > int.MaxValue or < int.MinValue)
                    {
                        if (!wrapping)
                        {
                            overflows++;
                        }
                    }

                    partial = unchecked((int)exact);
                }
            }

            double scaleA = a.Scale(row, start);
            double scaleW = w.Scale(column, start);
            if (!double.IsFinite(scaleA) || !double.IsFinite(scaleW))
            {
                // As the exact sums below: a value no double holds makes the output NaN (an infinite scale is not ignored).
                return double.NaN;
            }

            if (groupsIn is MiniFloatFormat f)
            {
                // The group's sum, scaled exactly and rounded once, then added to the running sum with one rounding.
                sum.Clear();
                sum.AddTerm((Int128)partial * ScaleSignificand(scaleA, out int ga) * ScaleSignificand(scaleW, out int gw), ga + gw);
                double term = sum.Round(f.MantissaBits + 1, 1 - f.Bias - f.MantissaBits, f.MaxFinite);
                sum.Clear();
                sum.Add(rounded);
                sum.Add(term);
                rounded = sum.Round(f.MantissaBits + 1, 1 - f.Bias - f.MantissaBits, f.MaxFinite);
            }
            else
            {
                sum.AddTerm((Int128)partial * ScaleSignificand(scaleA, out int ea) * ScaleSignificand(scaleW, out int ew), ea + ew);
            }

            start = end;
        }

        return groupsIn is null ? sum.ToDouble() : rounded;
    }

    /// <summary>
    /// The dot product of two integer-valued vectors when Σ|aᵢ·wᵢ| ≤ 2^31 − 1, else null. Within that bound no prefix
    /// of the sum can leave INT32 (so there is no overflow to count, whatever the order), and every product and
    /// partial sum is an integer below 2^53, so the sum in doubles is exact in any order: vectorized, it is the same
    /// number the element-by-element INT32 loop gives.
    /// </summary>
    private static int? SmallIntegerDot(ReadOnlySpan<double> a, ReadOnlySpan<double> w)
    {
        var sum = System.Numerics.Vector<double>.Zero;
        var magnitude = System.Numerics.Vector<double>.Zero;
        int width = System.Numerics.Vector<double>.Count, i = 0;
        for (; i + width <= a.Length; i += width)
        {
            var product = new System.Numerics.Vector<double>(a[i..]) * new System.Numerics.Vector<double>(w[i..]);
            sum += product;
            magnitude += System.Numerics.Vector.Abs(product);
        }

        double total = System.Numerics.Vector.Sum(sum), bound = System.Numerics.Vector.Sum(magnitude);
        for (; i < a.Length; i++)
        {
            total += a[i] * w[i];
            bound += Math.Abs(a[i] * w[i]);
        }

        return bound <= int.MaxValue ? (int)total : null;
    }

    private static double DotExactGroups(
        QuantizedTensor a, int row, QuantizedTensor w, int column, ReadOnlySpan<double> av, ReadOnlySpan<double> wv, ExactSum sum, MiniFloatFormat f)
    {
        int precision = f.MantissaBits + 1, minExponent = 1 - f.Bias - f.MantissaBits;
        bool fp32 = ReferenceEquals(f, ElementFormats.Fp32);
        double rounded = 0;
        for (int start = 0; start < av.Length;)
        {
            int end = Math.Min(SegmentEnd(a, start), SegmentEnd(w, start));
            double scaleA = a.Scale(row, start), scaleW = w.Scale(column, start);
            double quick = 0;
            bool exact = fp32;
            sum.Clear();
            for (int i = start; i < end; i++)
            {
                // Each element times its scale is exact in FP64 (narrow elements, FP16/FP32 scales), so the
                // segment's scaled sum is exact before its one rounding.
                double x = ExactProduct(av[i], scaleA), y = ExactProduct(wv[i], scaleW);
                if (!double.IsFinite(x) || !double.IsFinite(y))
                {
                    return double.NaN;
                }

                // While every product and partial sum is exact in a double (as DotExactChunks checks), the sum is
                // kept there; once one is not, the segment is summed again exactly.
                exact = exact && ExactDoubleStep(ref quick, x, y);
            }

            if (!exact)
            {
                for (int i = start; i < end; i++)
                {
                    sum.AddProduct(ExactProduct(av[i], scaleA), ExactProduct(wv[i], scaleW));
                }
            }

            double term = exact ? (quick == 0 ? 0 : (float)quick) : sum.Round(precision, minExponent, f.MaxFinite);
            if (fp32 && TryFp32Step(rounded, term, 1.0, out double next))
            {
                rounded = next == 0 ? 0 : next;
            }
            else
            {
                sum.Clear();
                sum.Add(rounded);
                sum.Add(term);
                rounded = sum.Round(precision, minExponent, f.MaxFinite);
            }

            start = end;
        }

        return rounded;
    }

    private static double DotExactChunks(ReadOnlySpan<double> a, ReadOnlySpan<double> w, ExactSum sum, MiniFloatFormat f, int chunk)
    {
        int precision = f.MantissaBits + 1, minExponent = 1 - f.Bias - f.MantissaBits;
        int step = chunk <= 0 ? a.Length : chunk;
        bool fp32 = ReferenceEquals(f, ElementFormats.Fp32);
        double latch = 0;
        for (int start = 0; start < a.Length; start += step)
        {
            int end = Math.Min(a.Length, start + step);
            double quick = 0;
            bool exact = fp32;
            for (int k = start; k < end; k++)
            {
                if (!double.IsFinite(a[k]) || !double.IsFinite(w[k]))
                {
                    return double.NaN;
                }

                exact = exact && ExactDoubleStep(ref quick, a[k], w[k]);
            }

            double term;
            if (exact)
            {
                // The chunk's sum is exact in a double, so one cast is its one rounding; a zero sum is +0, as below.
                term = quick == 0 ? 0 : (float)quick;
            }
            else
            {
                sum.Clear();
                for (int k = start; k < end; k++)
                {
                    sum.AddProduct(a[k], w[k]);
                }

                term = sum.Round(precision, minExponent, f.MaxFinite);
            }

            if (fp32 && TryFp32Step(latch, term, 1.0, out double next))
            {
                latch = next == 0 ? 0 : next;
                continue;
            }

            sum.Clear();
            sum.Add(latch);
            sum.Add(term);
            latch = sum.Round(precision, minExponent, f.MaxFinite);
        }

        return latch;
    }

    /// <summary>s + a·w in place, true when the product and the sum are both exact in a double (false, s unspecified, otherwise).</summary>
    private static bool ExactDoubleStep(ref double s, double a, double w)
    {
        double p = a * w;
        if (!double.IsFinite(p) || Math.FusedMultiplyAdd(a, w, -p) != 0 || (p != 0 && Math.Abs(p) < 1e-270))
        {
            return false;
        }

        double t = s + p, pp = t - s;
        if (!double.IsFinite(t) || (s - (t - pp)) + (p - pp) != 0)
        {
            return false;
        }

        s = t;
        return true;
    }

    private static double ExactProduct(double x, double y)
    {
        double p = x * y;
        return !double.IsFinite(p) || Math.FusedMultiplyAdd(x, y, -p) == 0
            ? p
            : throw new ArgumentException($"An element ({x:R}) times its scale ({y:R}) is not exact in FP64; the per-group reference needs narrow elements.");
    }

    private static int SegmentEnd(QuantizedTensor t, int index) =>
        t.IsBlockShared ? t.Length : Math.Min(t.Length, ((index / t.BlockLength) + 1) * t.BlockLength);

    private static long ScaleSignificand(double scale, out int exponent)
    {
        (long significand, int exp) = ExactSum.Decompose(scale);
        exponent = exp;
        return significand;
    }
}
