using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

/// <summary>BitMoD's per-group mixture of datatypes against the paper's value lists and a brute-force choice.</summary>
public class BitModFormatTests
{
    // The value sets as BitMoD lists them (unified integer form: FP4 E2M1 magnitudes doubled), typed in by hand.
    private static readonly int[] Fp4 = [-12, -8, -6, -4, -3, -2, -1, 0, 1, 2, 3, 4, 6, 8, 12];
    private static readonly int[] Fp3 = [-4, -2, -1, 0, 1, 2, 4];

    public static TheoryData<int, int[]> Specials => new()
    {
        { 4, [10, -10, 16, -16] },
        { 3, [3, -3, 6, -6] },
    };

    [Theory]
    [MemberData(nameof(Specials))]
    public void Datatypes_AreFpWithOneSpecialValueEach(int bits, int[] specials)
    {
        var format = new BitModFormat(bits, 128);
        int[] plain = bits == 4 ? Fp4 : Fp3;
        Assert.Equal(4, format.Datatypes.Count);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(plain.Append(specials[i]).Order(), format.Datatypes[i].Values);
            Assert.Equal(1 << bits, format.Datatypes[i].Values.Count);
        }
    }

    [Fact]
    public void Parse_NamesAndStorage()
    {
        NumericFormat f = NumericFormats.Parse("bitmod4-g128");
        Assert.Equal("bitmod4-g128", f.Name);
        Assert.Equal(128, f.BlockSize);
        // 4 bits per weight + an FP16 scale and a 2-bit datatype choice per 128.
        Assert.Equal((4096L * 4096 * 4) + (4096L * 32 * 18), f.StorageBits(4096, 4096));
        Assert.Equal(3 + (18.0 / 64), NumericFormats.Parse("bitmod3-g64").BitsPerElement);
        Assert.False(NumericFormats.TryParse("bitmod5-g128", out _, out string? error));
        Assert.Contains("bitmod4-gSIZE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HandExample_PositiveOutlierPicksExtraAsymmetry()
    {
        // max 16 on the positive side: EA-pos reaches it at scale 1 and holds 3, -2 and 8 exactly.
        QuantizedTensor t = NumericFormats.Parse("bitmod4-g4").Quantize([16, 3, -2, 8], 1, 4);
        Assert.Equal("fp4-ea-pos", t.ElementOf(0, 0).Name);
        Assert.Equal(1.0, t.BlockScales[0]);
        Assert.Equal([16, 3, -2, 8], t.Dequantize());
    }

    [Fact]
    public void HandExample_FiveNeedsExtraResolution()
    {
        // ±10 at scale 1 is only in ER; -10 picks ER-neg, and 5 → 2.5 steps are not in FP4 so 5 rounds to 4 or 6.
        QuantizedTensor t = NumericFormats.Parse("bitmod4-g3").Quantize([-10, 12, 1], 1, 3);
        Assert.Equal("fp4-er-neg", t.ElementOf(0, 0).Name);
        Assert.Equal([-10, 12, 1], t.Dequantize());
    }

    [Theory]
    [InlineData(4, 128, 1)]
    [InlineData(4, 32, 2)]
    [InlineData(3, 128, 3)]
    [InlineData(3, 7, 4)]
    public void EachGroup_TakesTheDatatypeWithLeastError_BruteForce(int bits, int group, int seed)
    {
        var format = new BitModFormat(bits, group);
        int vectors = 5, length = 300;
        double[] values = SyntheticTensor.Generate(Distribution.Laplace, vectors, length, seed);
        QuantizedTensor t = format.Quantize(values, vectors, length);
        double[] decoded = t.Dequantize();
        MiniFloatFormat fp16 = ElementFormats.Fp16;
        for (int v = 0; v < vectors; v++)
        {
            for (int start = 0; start < length; start += group)
            {
                double[] x = values.AsSpan((v * length) + start, Math.Min(group, length - start)).ToArray();
                double best = double.PositiveInfinity;
                foreach (CodebookFormat datatype in format.Datatypes)
                {
                    // Independent: the scale that makes the extremes fit, then nearest value by search over the list.
                    int top = datatype.Values.Max(), bottom = datatype.Values.Min();
                    double scale = fp16.Decode(fp16.Encode(x.Max(e => e >= 0 ? e / top : e / bottom)));
                    double error = x.Sum(e => Math.Pow(e - (Nearest(datatype.Values, e / scale) * scale), 2));
                    best = Math.Min(best, error);
                }

                double actual = x.Select((e, i) => Math.Pow(e - decoded[(v * length) + start + i], 2)).Sum();
                Assert.Equal(best, actual, 12);
                Assert.Contains(t.ElementOf(v, start), format.Datatypes);
            }
        }
    }

    [Fact]
    public void BeatsInt4_OnLaplaceWeights()
    {
        double[] values = SyntheticTensor.Generate(Distribution.Laplace, 64, 1024, 7);
        double Sqnr(string name) => ErrorMetrics.Compare(values, NumericFormats.Parse(name).Quantize(values, 64, 1024).Dequantize()).SqnrDb;
        Assert.True(Sqnr("bitmod4-g128") > Sqnr("int4-g128-sym") + 1);
        Assert.True(Sqnr("bitmod3-g128") > Sqnr("int3-g128-sym"));
    }

    private static double Nearest(IReadOnlyList<int> list, double x) =>
        list.OrderBy(v => Math.Abs(v - x)).ThenBy(v => Math.Abs(v)).First();
}
