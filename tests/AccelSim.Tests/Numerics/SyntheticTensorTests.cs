using AccelSim.Numerics;
using MathNet.Numerics.Distributions;
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

    [Theory]
    [InlineData(Distribution.Gaussian)]
    [InlineData(Distribution.Laplace)]
    [InlineData(Distribution.StudentT)]
    public void Samples_FollowTheirDistribution_KolmogorovSmirnov(Distribution d)
    {
        // MathNet's CDFs are the independent reference: the largest gap between the empirical CDF of 200,000 samples
        // and the true one stays below 1.63/√n (the 1 % critical value).
        const int n = 200_000;
        double[] x = SyntheticTensor.Generate(d, 1, n, 9);
        Array.Sort(x);
        Func<double, double> cdf = d switch
        {
            Distribution.Gaussian => v => Normal.CDF(0, 1, v),
            Distribution.Laplace => v => Laplace.CDF(0, 1 / Math.Sqrt(2), v),
            _ => v => StudentT.CDF(0, 1, 3, v),
        };
        double gap = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(x[i]);
            gap = Math.Max(gap, Math.Max(f - ((double)i / n), ((i + 1.0) / n) - f));
        }

        Assert.InRange(gap, 0, 1.63 / Math.Sqrt(n));
    }

    [Theory]
    [InlineData(Distribution.Gaussian)]
    [InlineData(Distribution.Laplace)]
    [InlineData(Distribution.StudentT)]
    [InlineData(Distribution.OutlierChannels)]
    public void Pieces_ConcatenateToTheWholeTensor(Distribution d)
    {
        const int rows = 13, cols = 101;
        double[] whole = SyntheticTensor.Generate(d, rows, cols, 4);
        var samples = new SyntheticSamples(d, cols, 4);
        var pieces = new double[rows * cols];
        int at = 0;
        foreach (int size in new[] { 1, 2, 3, 5, 7, 64, 1, 300, 0, 17 })
        {
            samples.Fill(pieces.AsSpan(at, size));
            at += size;
        }

        samples.Fill(pieces.AsSpan(at));
        Assert.Equal(whole, pieces);
    }
}
