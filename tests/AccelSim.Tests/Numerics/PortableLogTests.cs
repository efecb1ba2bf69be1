using System.Runtime.Intrinsics;
using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

public class PortableLogTests
{
    [Fact]
    public void Log_IsWithinFourUlpsOfTheLibrary_OverTheUnitIntervalAndBeyond()
    {
        var random = new PortableRandom(11);
        for (int i = 0; i < 200_000; i++)
        {
            double x = PortableRandom.UnitOf(random.Next()) * Math.Pow(2, random.NextBelow(200) - 100);
            double got = PortableLog.Log(x), want = Math.Log(x);
            Assert.True(Math.Abs(got - want) <= 4 * Math.Max(double.Epsilon, Math.BitIncrement(Math.Abs(want)) - Math.Abs(want)),
                $"ln {x:R}: {got:R} against {want:R}");
        }
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.6931471805599453)]
    [InlineData(0.5, -0.6931471805599453)]
    public void Log_OfExactPoints(double x, double expected) => Assert.Equal(expected, PortableLog.Log(x), 15);

    [Fact]
    public void VectorLog_HasTheScalarsBitsInEveryLane()
    {
        var random = new PortableRandom(5);
        for (int i = 0; i < 10_000; i++)
        {
            var x = Vector256.Create(PortableRandom.UnitOf(random.Next()), PortableRandom.UnitOf(random.Next()) * 3,
                Math.Sqrt(2) * (1 + (i * 1e-12)), 1 + (PortableRandom.UnitOf(random.Next()) * 1e6));
            Vector256<double> got = PortableLog.Log(x);
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableLog.Log(x[lane])), BitConverter.DoubleToInt64Bits(got[lane]));
            }
        }
    }
}
