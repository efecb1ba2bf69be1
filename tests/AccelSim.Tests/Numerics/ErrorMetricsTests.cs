using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

public class ErrorMetricsTests
{
    [Fact]
    public void Compare_HandExample()
    {
        ErrorMetrics m = ErrorMetrics.Compare([1, 2, 0], [1, 2.5, 0.1]);
        Assert.Equal(0.5, m.MaxAbsError);
        Assert.Equal(0.125, m.MeanRelativeError); // (0 + 0.25) / 2: the zero reference element is skipped
        Assert.Equal(10 * Math.Log10(5 / 0.26), m.SqnrDb, 12);
    }

    [Fact]
    public void Compare_Identical_IsInfiniteSqnr()
    {
        Assert.Equal(double.PositiveInfinity, ErrorMetrics.Compare([1, -3], [1, -3]).SqnrDb);
    }

    [Fact]
    public void Quantization_MoreBits_HigherSqnr()
    {
        double[] x = SyntheticTensor.Generate(Distribution.Gaussian, 16, 1024, 3);
        double Sqnr(string f) => ErrorMetrics.Compare(x, NumericFormats.Parse(f).Quantize(x, 16, 1024).Dequantize()).SqnrDb;

        // Roughly 6 dB per bit for uniform quantizers.
        Assert.True(Sqnr("int8-g128") > Sqnr("int4-g128") + 20);
        Assert.True(Sqnr("mxfp8-e4m3") > Sqnr("mxfp4"));
        Assert.True(Sqnr("nvfp4") > Sqnr("mxfp4"));
    }
}
