using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

/// <summary>The reference GEMM against an independent big-integer oracle and against plain float/Half loops.</summary>
public class ReferenceGemmTests
{
    // Every value the formats produce is a multiple of 2^-1100; scaling by 2^1100 turns sums into big integers.
    private const int OracleShift = 1100;

    private static QuantizedTensor Tensor(string format, Distribution d, int vectors, int length, int seed, double spread = 1)
    {
        double[] values = SyntheticTensor.Generate(d, vectors, length, seed);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= spread;
        }

        return NumericFormats.Parse(format).Quantize(values, vectors, length);
    }

    public static TheoryData<string, string> FormatPairs => new()
    {
        { "mxfp4", "mxfp8-e4m3" },
        { "nvfp4", "nvfp4" },
        { "fp16", "int4-g32" },
        { "int8", "int4-g128-sym" },
        { "mxint8", "mxfp6-e3m2" },
        { "bf16", "fp8-e5m2" },
        { "fp32", "fp32" },
    };

    [Theory]
    [MemberData(nameof(FormatPairs))]
    public void Exact_EqualsBigIntegerOracleRoundedOnce(string activation, string weight)
    {
        QuantizedTensor a = Tensor(activation, Distribution.StudentT, 5, 96, 1);
        QuantizedTensor w = Tensor(weight, Distribution.Laplace, 7, 96, 2);
        GemmResult result = ReferenceGemm.Compute(a, w);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                BigInteger exact = BigInteger.Zero;
                for (int k = 0; k < 96; k++)
                {
                    exact += Scaled(a.Value(i, k)) * Scaled(w.Value(j, k)) >> OracleShift;
                }

                AssertCorrectlyRounded(exact, result[i, j]);
            }
        }
    }

    [Fact]
    public void Exact_CancellingLargeTerms_KeepsTheSmallOne()
    {
        // In double arithmetic (2^60 + 1) - 2^60 = 0: the 1 is lost. The exact GEMM must return 1.
        double big = Math.ScaleB(1, 60);
        double naive = (big + 1) - big;
        Assert.Equal(0, naive);
        QuantizedTensor a = NumericFormats.Parse("fp32").Quantize([big, 1, -big], 1, 3);
        QuantizedTensor w = NumericFormats.Parse("fp32").Quantize([1, 1, 1], 1, 3);
        Assert.Equal(1, ReferenceGemm.Compute(a, w)[0, 0]);
    }

    [Fact]
    public void Exact_ProductsNeedingMoreThan53Bits_AreNotRounded()
    {
        // x·x = 1 + 2^-39 + 2^-80 needs 81 bits; a double product drops 2^-80, so x·x − 1 loses it in double arithmetic.
        double x = 1 + Math.ScaleB(1, -40);
        double expected = Math.ScaleB(1, -39) + Math.ScaleB(1, -80);
        Assert.NotEqual(expected, (x * x) - 1);
        Assert.Equal(expected, ReferenceGemm.Exact([x, -1], [x, 1], 1, 1, 2)[0]);
    }

    [Fact]
    public void Fp32Accumulator_EqualsSequentialFloatLoop()
    {
        // FP8 x FP8 products are exact in float, so float addition rounds exactly once per step, as declared.
        QuantizedTensor a = Tensor("fp8-e4m3", Distribution.Gaussian, 4, 500, 5, spread: 30);
        QuantizedTensor w = Tensor("fp8-e4m3", Distribution.StudentT, 6, 500, 6);
        GemmResult result = ReferenceGemm.Compute(a, w, Accumulator.Fp32);
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                float acc = 0;
                for (int k = 0; k < 500; k++)
                {
                    acc += (float)a.Value(i, k) * (float)w.Value(j, k);
                }

                Assert.Equal((double)acc, result[i, j]);
            }
        }
    }

    [Theory]
    [InlineData(16, 400)]
    [InlineData(64, 100)]
    [InlineData(7, 30)]
    public void ExactChunksFp32_EqualsFloatLoopOverChunkSums(int chunk, int k)
    {
        QuantizedTensor a = Tensor("fp8-e4m3", Distribution.Gaussian, 3, k, 17);
        QuantizedTensor w = Tensor("fp8-e4m3", Distribution.Laplace, 4, k, 18);
        GemmResult result = ReferenceGemm.Compute(a, w, Accumulator.ExactChunksFp32, chunk);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                // FP8 products span few enough binades that a chunk's double sum is exact; each cast rounds once.
                float latch = 0;
                for (int start = 0; start < k; start += chunk)
                {
                    double term = 0;
                    for (int x = start; x < Math.Min(k, start + chunk); x++)
                    {
                        term += a.Value(i, x) * w.Value(j, x);
                    }

                    latch = (float)((double)latch + (float)term);
                }

                Assert.Equal((double)latch, result[i, j]);
            }
        }
    }

    [Fact]
    public void Fp16Accumulator_EqualsSequentialHalfLoop()
    {
        QuantizedTensor a = Tensor("fp8-e4m3", Distribution.Gaussian, 3, 400, 7);
        QuantizedTensor w = Tensor("fp8-e4m3", Distribution.Gaussian, 5, 400, 8);
        GemmResult result = ReferenceGemm.Compute(a, w, Accumulator.Fp16);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                // The double sum of a Half and an FP8 product is exact here, so the cast rounds once.
                Half acc = (Half)0;
                for (int k = 0; k < 400; k++)
                {
                    acc = (Half)((double)acc + (a.Value(i, k) * w.Value(j, k)));
                }

                Assert.Equal((double)acc, result[i, j]);
            }
        }

        Assert.NotEqual(ReferenceGemm.Compute(a, w, Accumulator.Exact).Values, result.Values);
    }

    [Fact]
    public void Int32Accumulator_PerGroupPartialSums_EqualExactForSmallValues()
    {
        QuantizedTensor a = Tensor("int8", Distribution.Gaussian, 4, 256, 9);
        QuantizedTensor w = Tensor("int4-g64", Distribution.Laplace, 3, 256, 10);
        GemmResult int32 = ReferenceGemm.Compute(a, w, Accumulator.Int32);
        Assert.Equal(0, int32.Overflows);
        Assert.Equal(ReferenceGemm.Compute(a, w, Accumulator.Exact).Values, int32.Values);
    }

    [Theory]
    [InlineData("int4-g32", 100)]
    [InlineData("int4-g32-sym", 96)]
    [InlineData("int2-g64", 200)]
    public void Int32GroupsFp32_EqualsAFloatLoopOverGroups(string weight, int k)
    {
        // Group sums of INT8 × INT4 stay below 2^15 and the two scales hold 24 + 11 bits, so partial × scales is
        // exact in double and the cast to float rounds it once; float addition then rounds once per group.
        QuantizedTensor a = Tensor("int8", Distribution.Gaussian, 3, k, 11);
        QuantizedTensor w = Tensor(weight, Distribution.Laplace, 4, k, 12);
        GemmResult result = ReferenceGemm.Compute(a, w, Accumulator.Int32GroupsFp32);
        int group = w.BlockLength;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                float acc = 0;
                for (int start = 0; start < k; start += group)
                {
                    long partial = 0;
                    for (int x = start; x < Math.Min(k, start + group); x++)
                    {
                        partial += (long)a.ElementValue(i, x) * (long)w.ElementValue(j, x);
                    }

                    acc += (float)(partial * a.Scale(i, start) * w.Scale(j, start));
                }

                Assert.Equal((double)acc, result[i, j]);
            }
        }

        Assert.NotEqual(ReferenceGemm.Compute(a, w, Accumulator.Int32).Values, result.Values);
    }

    [Theory]
    [InlineData("fp16", "int4-g32", 100, 1.0)]
    [InlineData("fp16", "int4-g128-sym", 300, 3000.0)]
    [InlineData("fp16", "int8-gch", 64, 1e-5)]
    [InlineData("fp8-e4m3", "int2-g64", 130, 1.0)]
    [InlineData("fp8-e5m2", "ternary", 77, 1.0)]
    [InlineData("int8", "int4-g32", 96, 1.0)]
    public void ExactGroupsFp32_EachGroupRoundedOnceToFloat_ThenFloatAdds(string activation, string weight, int k, double spread)
    {
        // Oracle: each group's scaled sum exactly in big integers, rounded to the nearest float, then float adds.
        QuantizedTensor a = Tensor(activation, Distribution.StudentT, 3, k, 21, spread);
        QuantizedTensor w = Tensor(weight, Distribution.Laplace, 4, k, 22);
        GemmResult result = ReferenceGemm.Compute(a, w, Accumulator.ExactGroupsFp32);
        int group = w.IsBlockShared ? k : w.BlockLength;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                if (Enumerable.Range(0, k).Any(x => !double.IsFinite(a.Value(i, x)) || !double.IsFinite(w.Value(j, x))))
                {
                    // A value past FP16's range is stored as infinity; the reference's contract gives NaN for it.
                    Assert.True(double.IsNaN(result[i, j]));
                    continue;
                }

                float acc = 0;
                for (int start = 0; start < k; start += group)
                {
                    BigInteger exact = BigInteger.Zero;
                    for (int x = start; x < Math.Min(k, start + group); x++)
                    {
                        exact += Scaled(a.Value(i, x)) * Scaled(w.Value(j, x)) >> OracleShift;
                    }

                    acc += NearestFloat(exact);
                }

                Assert.Equal((double)acc, result[i, j]);
            }
        }
    }

    [Fact]
    public void ExactGroupsFp32_AGroupSumADoubleCannotHold_IsStillRoundedOnce()
    {
        // 2^16 + 2^-8 + 2^-48 is just above the midpoint between the FP32 numbers 2^16 and 2^16 + 2^-7. A double
        // drops the 2^-48 and lands on the midpoint, which ties to even (down); the exact sum rounds up.
        NumericFormat fp16 = NumericFormats.Parse("fp16");
        QuantizedTensor a = fp16.Quantize([32768, 0.0625, Math.ScaleB(1, -24)], 1, 3);
        QuantizedTensor w = fp16.Quantize([2, 0.0625, Math.ScaleB(1, -24)], 1, 3);
        Assert.Equal(65536 + Math.ScaleB(1, -7), ReferenceGemm.Compute(a, w, Accumulator.ExactGroupsFp32)[0, 0]);
    }

    [Fact]
    public void ExactGroupsFp32_NonFiniteActivation_GivesNaN()
    {
        QuantizedTensor a = NumericFormats.Parse("fp16").Quantize([1.0, double.PositiveInfinity, 2.0, 3.0], 1, 4);
        QuantizedTensor w = NumericFormats.Parse("int4-g2-sym").Quantize([1.0, 0.5, -1.0, 0.25], 1, 4);
        Assert.True(double.IsNaN(ReferenceGemm.Compute(a, w, Accumulator.ExactGroupsFp32)[0, 0]));
    }

    [Fact]
    public void Fp32Step_WithoutBigIntegers_EqualsTheExactSumRoundedOnce()
    {
        // The quick FP32 step (TwoSum and round-to-odd) against the exact sum's rounding, on FP32 accumulators and
        // FP16 × FP16 products whose exponents are far apart, close, and cancelling.
        MiniFloatFormat fp32 = ElementFormats.Fp32;
        var exact = new ExactSum();
        Prop.ForAll(
            ArbMap.Default.ArbFor<int>(),
            ArbMap.Default.ArbFor<short>(),
            ArbMap.Default.ArbFor<short>(),
            (accBits, aBits, wBits) =>
            {
                double acc = BitConverter.Int32BitsToSingle(accBits & ~0x7F800000 | ((accBits >> 23 & 0x3F) + 100) << 23);
                double a = (double)BitConverter.Int16BitsToHalf((short)(aBits & 0x7BFF)), w = (double)BitConverter.Int16BitsToHalf((short)(wBits & 0x7BFF));
                exact.Clear();
                exact.Add(acc);
                exact.AddProduct(a, w);
                double want = exact.Round(24, -149, fp32.MaxFinite);
                return !ReferenceGemm.TryFp32Step(acc, a, w, out double got) || BitConverter.DoubleToInt64Bits(got) == BitConverter.DoubleToInt64Bits(want) || (got == 0 && want == 0);
            }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(1.0, 5.9604644775390625E-08, 1.0)] // 2^-24, exactly half an ulp of 1: a tie, to even (1)
    [InlineData(1.0, 5.9604644775390625E-08, 1.0000000000000002)] // just above the tie: up
    [InlineData(1.00000011920928955078125, 5.9604644775390625E-08, 1.0)] // a tie from an odd significand: up, to even
    [InlineData(16777216.0, -0.5, 1.0)] // below 2^24 the ulp halves: exact
    [InlineData(3.0, -3.0, 1.0)] // cancellation to +0
    public void Fp32Step_Ties_AndCancellation(double acc, double a, double w)
    {
        var exact = new ExactSum();
        exact.Add(acc);
        exact.AddProduct(a, w);
        Assert.True(ReferenceGemm.TryFp32Step(acc, a, w, out double got));
        Assert.Equal(exact.Round(24, -149, ElementFormats.Fp32.MaxFinite), got);
    }

    [Fact]
    public void Int32Accumulator_APrefixThatOverflows_IsCounted_EvenWhenTheWholeSumFits()
    {
        // +127·127 for 133,150 steps, then −127·127 as long: the sum ends at 0 but its prefix passed 2^31 − 1, so the
        // vectorized sum (taken only when Σ|aᵢwᵢ| fits INT32) must not be used; the loop counts the overflow.
        const int half = 133_150;
        double[] a = [.. Enumerable.Repeat(127.0, 2 * half)];
        double[] w = [.. Enumerable.Repeat(127.0, half), .. Enumerable.Repeat(-127.0, half)];
        GemmResult result = ReferenceGemm.Compute(NumericFormats.Parse("int8").Quantize(a, 1, 2 * half), NumericFormats.Parse("int8").Quantize(w, 1, 2 * half), Accumulator.Int32);
        Assert.True(result.Overflows >= 1, $"{result.Overflows} overflows counted");
    }

    [Fact]
    public void Int32Accumulator_Overflow_IsCountedOrWrapped()
    {
        // 127 * 127 = 16129 per step; after 133145 steps the running sum passes 2^31 - 1 = 2147483647.
        const int k = 133_150;
        double[] ones = [.. Enumerable.Repeat(127.0, k)];
        QuantizedTensor a = NumericFormats.Parse("int8").Quantize(ones, 1, k);
        QuantizedTensor w = NumericFormats.Parse("int8").Quantize(ones, 1, k);
        Assert.Equal(1.0, a.BlockScales[0]);

        GemmResult checkedResult = ReferenceGemm.Compute(a, w, Accumulator.Int32);
        Assert.Equal(1, checkedResult.Overflows);

        GemmResult wrapped = ReferenceGemm.Compute(a, w, Accumulator.Int32Wrapping);
        Assert.Equal(0, wrapped.Overflows);
        Assert.Equal((double)unchecked((int)(16129L * k)), wrapped[0, 0]);
    }

    [Fact]
    public void Int32Accumulator_FloatElements_AreRefused()
    {
        QuantizedTensor a = Tensor("fp8-e4m3", Distribution.Gaussian, 1, 8, 1);
        Assert.Throws<ArgumentException>(() => ReferenceGemm.Compute(a, a, Accumulator.Int32));
    }

    [Fact]
    public void ExactFp64_MatchesOracle()
    {
        double[] a = SyntheticTensor.Generate(Distribution.StudentT, 3, 50, 11);
        double[] w = SyntheticTensor.Generate(Distribution.Gaussian, 2, 50, 12);
        double[] c = ReferenceGemm.Exact(a, w, 3, 2, 50);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                BigInteger exact = BigInteger.Zero;
                for (int k = 0; k < 50; k++)
                {
                    exact += Scaled(a[(i * 50) + k]) * Scaled(w[(j * 50) + k]) >> OracleShift;
                }

                AssertCorrectlyRounded(exact, c[(i * 2) + j]);
            }
        }
    }

    private static BigInteger Scaled(double value)
    {
        // value * 2^OracleShift as an exact integer, built from the IEEE bit fields.
        long bits = BitConverter.DoubleToInt64Bits(value);
        int field = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & ((1L << 52) - 1);
        BigInteger significand = field == 0 ? fraction : fraction + (1L << 52);
        int exponent = (field == 0 ? -1074 : field - 1075) + OracleShift;
        BigInteger magnitude = exponent >= 0 ? significand << exponent : significand >> -exponent;
        Assert.True(exponent >= 0 || (significand & ((BigInteger.One << -exponent) - 1)).IsZero, "oracle scale too small");
        return value < 0 ? -magnitude : magnitude;
    }

    // r is the double nearest to exact (scaled by 2^OracleShift), ties to an even significand.
    private static void AssertCorrectlyRounded(BigInteger exact, double r)
    {
        BigInteger here = BigInteger.Abs(exact - Scaled(r));
        BigInteger up = BigInteger.Abs(exact - Scaled(Math.BitIncrement(r)));
        BigInteger down = BigInteger.Abs(exact - Scaled(Math.BitDecrement(r)));
        Assert.True(here <= up && here <= down, $"{r:R} is not the nearest double to the exact sum");
        if (here == up || here == down)
        {
            Assert.True((BitConverter.DoubleToInt64Bits(r) & 1) == 0, $"{r:R}: a tie must go to the even significand");
        }
    }

    // The float nearest to exact (scaled by 2^OracleShift), ties to an even significand.
    private static float NearestFloat(BigInteger exact)
    {
        int drop = Math.Max(0, (int)BigInteger.Abs(exact).GetBitLength() - 60);
        float guess = (float)Math.ScaleB((double)(exact >> drop), drop - OracleShift);
        float best = guess;
        foreach (float candidate in new[] { MathF.BitDecrement(guess), MathF.BitIncrement(guess) })
        {
            BigInteger d = BigInteger.Abs(exact - Scaled(candidate)), b = BigInteger.Abs(exact - Scaled(best));
            if (d < b || (d == b && (BitConverter.SingleToInt32Bits(candidate) & 1) == 0))
            {
                best = candidate;
            }
        }

        return best;
    }
}
