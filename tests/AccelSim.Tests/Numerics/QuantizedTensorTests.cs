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
        for (int v = 0; v < vectors; v++)
        {
            t.ElementValuesOf(v, elements);
            t.ValuesOf(v, scaled);
            for (int i = 0; i < length; i++)
            {
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
}
