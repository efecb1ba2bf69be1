using AccelSim.Numerics;
using MathNet.Numerics.Statistics;

namespace AccelSim.Tests.Numerics;

public class SyntheticTensorTests
{
    [Theory]
    [InlineData(Distribution.Gaussian)]
    [InlineData(Distribution.Laplace)]
    [InlineData(Distribution.StudentT)]
    [InlineData(Distribution.OutlierChannels)]
    public void Generate_SameSeed_SameTensor_OtherSeed_Differs(Distribution d)
    {
        Assert.Equal(SyntheticTensor.Generate(d, 4, 100, 5), SyntheticTensor.Generate(d, 4, 100, 5));
        Assert.NotEqual(SyntheticTensor.Generate(d, 4, 100, 5), SyntheticTensor.Generate(d, 4, 100, 6));
    }

    [Theory]
    [InlineData(Distribution.Gaussian, 1.0, 3.0)]
    [InlineData(Distribution.Laplace, 1.0, 6.0)]
    public void Generate_HasUnitVarianceAndExpectedKurtosis(Distribution d, double variance, double kurtosis)
    {
        double[] x = SyntheticTensor.Generate(d, 200, 1000, 1);
        Assert.InRange(x.Mean(), -0.01, 0.01);
        Assert.InRange(x.Variance(), variance * 0.98, variance * 1.02);

        // MathNet's Kurtosis is excess kurtosis: 0 for a normal, 3 for a Laplace distribution.
        Assert.InRange(x.Kurtosis() + 3, kurtosis * 0.93, kurtosis * 1.07);
    }

    [Fact]
    public void OutlierChannels_ScaleOnePercentOfColumnsByTwenty()
    {
        const int rows = 256, cols = 400;
        double[] x = SyntheticTensor.Generate(Distribution.OutlierChannels, rows, cols, 2);
        double[] columnStd = [.. Enumerable.Range(0, cols).Select(c => Enumerable.Range(0, rows).Select(r => x[(r * cols) + c]).StandardDeviation())];
        Assert.Equal(4, columnStd.Count(s => s > 10));
        Assert.All(columnStd.Where(s => s > 10), s => Assert.InRange(s, 16, 24));
    }
}
