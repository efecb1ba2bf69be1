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
}
