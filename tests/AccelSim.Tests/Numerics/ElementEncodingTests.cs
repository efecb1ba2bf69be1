using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

/// <summary>Encoding checked against brute force over all values and against .NET's IEEE conversions.</summary>
public class ElementEncodingTests
{
    public static TheoryData<string> SmallFloats() => ["fp4-e2m1", "fp6-e2m3", "fp6-e3m2", "fp8-e4m3", "fp8-e5m2"];

    [Theory]
    [InlineData(4, true, true)]
    [InlineData(8, true, false)]
    [InlineData(3, false, false)]
    [InlineData(16, true, false)]
    [InlineData(31, true, true)]
    [InlineData(31, false, false)]
    public void IntegerEncodeNearest_OfASpan_IsEncodeOfEachQuotientWithTheOffset(int bits, bool signed, bool narrow)
    {
        var f = new IntFormat("t", bits, signed, narrow);
        var random = new Random(bits);
        // Quotients on and between integers, exact ties (k + ½) both odd and even, and far past either end.
        double[] values = [.. Enumerable.Range(0, 5003).Select(i => (i % 4) switch
        {
            0 => Math.Round(random.NextDouble() * 600) / 2 - 150,
            1 => (random.NextDouble() * 2 - 1) * f.Max * 3,
            2 => random.Next(-40, 40) + 0.5,
            _ => random.NextDouble() * 1e10 * (random.Next(2) * 2 - 1),
        })];
        foreach ((double divisor, int offset) in new[] { (1.0, 0), (0.25, 0), (3.0, 2), (0.5, -1) })
        {
            var codes = new uint[values.Length];
            f.EncodeNearest(values, divisor, offset, codes);
            for (int i = 0; i < values.Length; i++)
            {
                double q = Math.Round(values[i] / divisor, MidpointRounding.ToEven) + offset;
                long want = (long)Math.Clamp(q, f.Min, f.Max);
                Assert.Equal(f.FromInteger(want), codes[i]);
                if (offset == 0)
                {
                    Assert.Equal(f.Encode(values[i] / divisor), codes[i]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(SmallFloats))]
    public void NearestEven_RandomValues_MatchBruteForceNearest(string name)
    {
        var f = (MiniFloatFormat)ElementFormats.Find(name)!;
        (uint Code, double Value)[] finite = FiniteCodes(f);
        double[] sorted = [.. finite.Select(c => c.Value).Distinct().Order()];
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            int s = random.Next(sorted.Length - 1);
            double x = (i % 3) switch
            {
                0 => ((random.NextDouble() * 2) - 1) * f.MaxFinite * 1.05,
                1 => sorted[s],
                _ => (sorted[s] + sorted[s + 1]) / 2, // a tie, which nearest-even breaks toward an even mantissa
            };

            double expected = BruteForceNearestEven(finite, x, f.MaxFinite);
            double actual = f.Decode(f.Encode(x));
            Assert.True(expected == actual, $"{name}: x = {x:R}: expected {expected}, got {actual}");
        }
    }

    [Theory]
    [MemberData(nameof(SmallFloats))]
    public void TowardZero_RandomValues_GiveLargestMagnitudeNotAbove(string name)
    {
        var f = (MiniFloatFormat)ElementFormats.Find(name)!;
        double[] magnitudes = [.. FiniteCodes(f).Select(c => c.Value).Where(v => v >= 0).Distinct().Order()];
        var random = new Random(12);
        for (int i = 0; i < 10_000; i++)
        {
            double x = ((random.NextDouble() * 2) - 1) * f.MaxFinite * 1.2;
            double expected = Math.CopySign(magnitudes.Last(v => v <= Math.Abs(x)), x);
            Assert.Equal(expected, f.Decode(f.Encode(x, Rounding.TowardZero)));
        }
    }

    [Fact]
    public void Fp32_RandomDoubles_MatchCastToFloat()
    {
        var random = new Random(3);
        for (int i = 0; i < 200_000; i++)
        {
            double x = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (double.IsNaN(x))
            {
                continue;
            }

            if (i % 2 == 0)
            {
                x = Math.ScaleB(random.NextDouble() - 0.5, random.Next(-160, 130));
            }

            uint expected = BitConverter.SingleToUInt32Bits((float)x);
            Assert.True(expected == ElementFormats.Fp32.Encode(x), $"x = {x:R}");
        }
    }

    [Fact]
    public void Fp16_RandomFloats_MatchCastToHalf()
    {
        var random = new Random(5);
        for (int i = 0; i < 200_000; i++)
        {
            // Values that are exact floats, so the float-to-Half cast rounds once.
            float x = (float)Math.ScaleB(random.NextDouble() - 0.5, random.Next(-28, 18));
            ushort expected = BitConverter.HalfToUInt16Bits((Half)x);
            Assert.True(expected == ElementFormats.Fp16.Encode(x), $"x = {x:R}");
        }
    }

    [Fact]
    public void Bf16_RandomFloats_MatchBitTrickRounding()
    {
        var random = new Random(9);
        for (int i = 0; i < 200_000; i++)
        {
            float x = (float)Math.ScaleB(random.NextDouble() - 0.5, random.Next(-140, 128));
            uint bits = BitConverter.SingleToUInt32Bits(x);

            // The round-to-nearest-even truncation used by TensorFlow and PyTorch for float -> bfloat16.
            uint expected = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16;
            Assert.True(expected == ElementFormats.Bf16.Encode(x), $"x = {x:R}");
        }
    }

    public static TheoryData<string, double, double> OverflowCases => new()
    {
        { "fp8-e4m3", 1000, 448 },
        { "fp8-e4m3", 464, 448 },
        { "fp8-e4m3", double.PositiveInfinity, 448 },
        { "fp8-e4m3", double.NegativeInfinity, -448 },
        { "fp8-e5m2", 1e6, 57344 },
        { "fp8-e5m2", double.PositiveInfinity, double.PositiveInfinity },
        { "fp4-e2m1", 100, 6 },
        { "fp4-e2m1", -7, -6 },
        { "fp6-e3m2", double.PositiveInfinity, 28 },
        { "fp16", 65519, 65504 },
        { "fp16", 65520, double.PositiveInfinity },
        { "fp16", -1e9, double.NegativeInfinity },
        { "e8m0", 1e300, 1.7014118346046923e38 },
        { "e8m0", 0, 5.877471754111438e-39 },
        { "e8m0", 3, 2 },   // a tie between 2 (biased exponent 128, even) and 4 (129): to the even code
        { "e8m0", 6, 8 },   // a tie between 4 (129, odd) and 8 (130, even)
        { "e8m0", 2.9, 2 },
        { "int4", 7.5, 7 },
        { "int4", -9, -8 },
        { "int4", double.NegativeInfinity, -8 },
        { "int4-sym", -8, -7 },
        { "uint4", -3, 0 },
        { "ternary", 0.5, 0 },
        { "ternary", 0.51, 1 },
        { "ternary", 1.5, 1 },
        { "binary", 0, 1 },
        { "binary", -0.1, -1 },
    };

    [Theory]
    [MemberData(nameof(OverflowCases))]
    public void Encode_OutOfRangeAndSpecialInputs_FollowSpec(string name, double input, double expected)
    {
        IElementFormat format = ElementFormats.Find(name)!;
        Assert.Equal(expected, format.Decode(format.Encode(input)));
    }

    [Fact]
    public void NonSaturatingFp8_Overflow_GivesNaNForE4M3AndInfinityForE5M2()
    {
        Assert.True(double.IsNaN(ElementFormats.Fp8E4M3NonSaturating.Decode(ElementFormats.Fp8E4M3NonSaturating.Encode(1000))));
        Assert.True(double.IsNaN(ElementFormats.Fp8E4M3NonSaturating.Decode(ElementFormats.Fp8E4M3NonSaturating.Encode(double.PositiveInfinity))));

        // 464 is the midpoint between 448 and the first value past the top (480): the tie goes to even, 448.
        Assert.Equal(448, ElementFormats.Fp8E4M3NonSaturating.Decode(ElementFormats.Fp8E4M3NonSaturating.Encode(464)));
        Assert.True(double.IsNaN(ElementFormats.Fp8E4M3NonSaturating.Decode(ElementFormats.Fp8E4M3NonSaturating.Encode(465))));
        Assert.Equal(double.NegativeInfinity, ElementFormats.Fp8E5M2NonSaturating.Decode(ElementFormats.Fp8E5M2NonSaturating.Encode(-1e6)));

        // IEEE 754: round toward zero never overflows to infinity.
        Assert.Equal(57344, ElementFormats.Fp8E5M2NonSaturating.Decode(ElementFormats.Fp8E5M2NonSaturating.Encode(1e6, Rounding.TowardZero)));
    }

    [Fact]
    public void NaNInput_BecomesNaNCodeOrIsRefused()
    {
        Assert.Equal(0x7Fu, ElementFormats.Fp8E4M3.Encode(double.NaN));
        Assert.Equal(0xFFu, ElementFormats.E8M0.Encode(double.NaN));
        Assert.True(double.IsNaN(ElementFormats.Fp16.Decode(ElementFormats.Fp16.Encode(double.NaN))));
        Assert.Throws<ArgumentException>(() => ElementFormats.Fp4E2M1.Encode(double.NaN));
        Assert.Throws<ArgumentException>(() => ElementFormats.TwosComplement(8).Encode(double.NaN));
        Assert.True(double.IsNaN(ElementFormats.E8M0.Decode(ElementFormats.E8M0.Encode(-1))));
    }

    [Fact]
    public void SignedZero_IsKept()
    {
        Assert.Equal(0x80u, ElementFormats.Fp8E4M3.Encode(-0.0));
        Assert.Equal(0x8u, ElementFormats.Fp4E2M1.Encode(-0.1)); // rounds to -0
        Assert.True(double.IsNegative(ElementFormats.Fp16.Decode(ElementFormats.Fp16.Encode(-1e-30))));
    }

    [Fact]
    public void Stochastic_SameSeed_SameCodes_AndUnbiased()
    {
        MiniFloatFormat f = ElementFormats.Fp4E2M1;
        uint[] Draw(int seed)
        {
            var rounding = Rounding.Stochastic(new StochasticSource(seed));
            return [.. Enumerable.Range(0, 20_000).Select(_ => f.Encode(0.3, rounding))];
        }

        uint[] first = Draw(42);
        Assert.Equal(first, Draw(42));
        Assert.NotEqual(first, Draw(43));
        Assert.All(first, c => Assert.Contains(f.Decode(c), new[] { 0.0, 0.5 }));

        // 0.3 lies between 0 and 0.5: E[result] = 0.3. The binomial standard error of the mean is 0.0017 here.
        double mean = first.Average(c => f.Decode(c));
        Assert.InRange(mean, 0.3 - 0.01, 0.3 + 0.01);
    }

    [Fact]
    public void Stochastic_IntegerAndBinary_AreUnbiased()
    {
        var rounding = Rounding.Stochastic(new StochasticSource(1));
        IntFormat int4 = ElementFormats.TwosComplement(4);
        double meanInt = Enumerable.Range(0, 20_000).Average(_ => int4.Decode(int4.Encode(2.25, rounding)));
        Assert.InRange(meanInt, 2.25 - 0.02, 2.25 + 0.02);
        double meanBinary = Enumerable.Range(0, 20_000).Average(_ => ElementFormats.Binary.Decode(ElementFormats.Binary.Encode(-0.4, rounding)));
        Assert.InRange(meanBinary, -0.4 - 0.03, -0.4 + 0.03);
    }

    private static (uint Code, double Value)[] FiniteCodes(MiniFloatFormat f) =>
        [.. Enumerable.Range(0, 1 << f.Bits).Select(c => ((uint)c, f.Decode((uint)c))).Where(p => double.IsFinite(p.Item2))];

    // Nearest finite value; on a tie the candidate whose code has a zero last mantissa bit; beyond max, saturate.
    private static double BruteForceNearestEven((uint Code, double Value)[] finite, double x, double max)
    {
        if (Math.Abs(x) >= max)
        {
            return Math.CopySign(max, x);
        }

        double bestDistance = double.PositiveInfinity;
        (uint Code, double Value) best = default;
        foreach ((uint code, double value) in finite)
        {
            double distance = Math.Abs(value - x);
            bool better = distance < bestDistance || (distance == bestDistance && (code & 1) == 0 && (best.Code & 1) == 1);
            if (better)
            {
                best = (code, value);
                bestDistance = distance;
            }
        }

        return best.Value == 0 ? Math.CopySign(0, x) : best.Value;
    }
}
