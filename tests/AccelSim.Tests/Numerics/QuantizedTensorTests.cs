using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

public class QuantizedTensorTests
{
    public static TheoryData<string> EveryListedFormat => [.. NumericFormats.Listed.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(EveryListedFormat))]
    public void VectorDecode_GivesTheElementByElementValues_BitForBit(string name)
    {
        // A length that is not a whole number of blocks, and values with outliers, so every block kind and edge shows.
        const int vectors = 3, length = 301;
        double[] values = SyntheticTensor.Generate(Distribution.StudentT, vectors, length, 8);
        QuantizedTensor t = NumericFormats.Parse(name).Quantize(values, vectors, length);
        var elements = new double[length];
        var scaled = new double[length];
        var codes = new double[length];
        var mapped = new double[length];
        MiniFloatFormat fp8 = ElementFormats.Fp8E4M3;
        Func<double, double> round = x => fp8.Decode(fp8.Encode(x)) * 3;
        for (int v = 0; v < vectors; v++)
        {
            t.ElementValuesOf(v, elements);
            t.ValuesOf(v, scaled);
            t.CodeValuesOf(v, codes);
            t.ValuesOf(v, mapped, round);
            Assert.Equal(scaled.Select(round).Select(BitConverter.DoubleToInt64Bits), mapped.Select(BitConverter.DoubleToInt64Bits));
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(t.ElementOf(v, i).Decode(t.Code(v, i))), BitConverter.DoubleToInt64Bits(codes[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(t.ElementValue(v, i)), BitConverter.DoubleToInt64Bits(elements[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(t.Value(v, i)), BitConverter.DoubleToInt64Bits(scaled[i]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryListedFormat))]
    public void ANonFiniteValue_IsTreatedAlike_WhereverItStands(string name)
    {
        // The scan for the largest magnitude goes four values at a time with a scalar tail: a NaN or infinity in
        // either part, at any lane, must meet the same answer (rejected by scaled formats, carried by casts).
        NumericFormat format = NumericFormats.Parse(name);
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            bool[] rejected = [.. Enumerable.Range(0, 11).Select(at =>
            {
                double[] values = [.. Enumerable.Range(0, 11).Select(i => i == at ? bad : (i - 5) * 0.37)];
                try
                {
                    format.Quantize(values, 1, values.Length);
                    return false;
                }
                catch (ArgumentException)
                {
                    return true;
                }
            })];
            Assert.All(rejected, r => Assert.Equal(rejected[^1], r));
        }
    }

    [Theory]
    [MemberData(nameof(EveryListedFormat))]
    public void QuantizingInParts_WithTheWholeRange_GivesTheWholeTensorsVectors(string name)
    {
        // Per-tensor scales (absmax, absmean, affine over the tensor, NVFP4's second level) come from the range of
        // every part; block and channel scales from each vector alone.
        const int vectors = 7, length = 150;
        double[] values = SyntheticTensor.Generate(Distribution.OutlierChannels, vectors, length, 3);
        NumericFormat format = NumericFormats.Parse(name);
        QuantizedTensor whole = format.Quantize(values, vectors, length);
        TensorRange range = default;
        int[] cuts = [0, 2, 3, 7];
        for (int p = 0; p + 1 < cuts.Length; p++)
        {
            range = range.Including(values.AsSpan(cuts[p] * length, (cuts[p + 1] - cuts[p]) * length));
        }

        Assert.Equal(TensorRange.Of(values), range);
        for (int p = 0; p + 1 < cuts.Length; p++)
        {
            int count = cuts[p + 1] - cuts[p];
            QuantizedTensor part = format.QuantizePart(values.AsSpan(cuts[p] * length, count * length), count, length, range);
            Assert.Equal(whole.Codes.Slice(cuts[p] * length, count * length).ToArray(), part.Codes.ToArray());
            Assert.Equal(whole.Dequantize().AsSpan(cuts[p] * length, count * length).ToArray(), part.Dequantize());
        }
    }
}
