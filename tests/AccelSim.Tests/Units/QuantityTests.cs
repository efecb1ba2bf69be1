using AccelSim.Units;

namespace AccelSim.Tests.Units;

public class QuantityTests
{
    [Theory]
    [InlineData("1 GHz", 1_000_000_000)]
    [InlineData("940 MHz", 940_000_000)]
    [InlineData("1.5GHz", 1_500_000_000)]
    public void Frequency_Parse_GivesHertz(string text, long hertz) => Assert.Equal(hertz, Frequency.Parse(text).Hertz);

    [Theory]
    [InlineData("24 MiB", 24L * 1024 * 1024 * 8)]
    [InlineData("64 kB", 64_000L * 8)]
    [InlineData("4 bit", 4)]
    [InlineData("0.5 B", 4)]
    [InlineData("16 GiB", 16L * 1024 * 1024 * 1024 * 8)]
    public void ByteSize_Parse_GivesBits(string text, long bits) => Assert.Equal(bits, ByteSize.Parse(text).Bits);

    [Theory]
    [InlineData("100 ns", 100_000)]
    [InlineData("0.5 ns", 500)]
    [InlineData("2 us", 2_000_000)]
    public void SimTime_Parse_GivesPicoseconds(string text, long ps) => Assert.Equal(ps, SimTime.Parse(text).Picoseconds);

    [Fact]
    public void Bandwidth_Parse_GivesBitsPerSecond() => Assert.Equal(819_000_000_000L * 8, Bandwidth.Parse("819 GB/s").BitsPerSecond);

    [Theory]
    [InlineData("128", "has no unit")]
    [InlineData("1 Ghz", "did you mean 'GHz'?")]
    [InlineData("fast", "is not a quantity")]
    [InlineData("0 GHz", "is zero")]
    [InlineData("-1 GHz", "is negative")]
    [InlineData("0.1 Hz", "not a whole number of Hz")]
    public void Frequency_BadText_SaysWhy(string text, string expected)
    {
        Assert.False(Frequency.TryParse(text, out _, out string error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Frequency_TimeOfCycles_RoundsUpToWholePicoseconds()
    {
        var clock = Frequency.Parse("3 GHz");
        Assert.Equal(334, clock.TimeOf(1).Picoseconds);
        Assert.Equal(1000, clock.TimeOf(3).Picoseconds);
        Assert.Equal(3, clock.CyclesIn(new SimTime(1000)));
        Assert.Equal(4, clock.CyclesIn(new SimTime(1001)));
    }

    [Fact]
    public void Bandwidth_TimeFor_IsSizeOverRate()
    {
        var rate = Bandwidth.Parse("1 GB/s");
        Assert.Equal(1_000, rate.TimeFor(ByteSize.FromBytes(1)).Picoseconds);
        Assert.Equal(500, rate.TimeFor(new ByteSize(4)).Picoseconds);
    }

    [Fact]
    public void Bandwidth_TimeFor_RoundsUpExactly_AtEverySize()
    {
        // Against BigInteger: small and large transfers (the 64-bit, widening and Int128 paths), slow and fast rates.
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            long bits = i % 3 == 0 ? random.NextInt64(0, 10_000_000) : random.NextInt64(0, 1L << random.Next(1, 63));
            long rate = random.NextInt64(1, 1L << random.Next(1, 63));
            System.Numerics.BigInteger exact = ((System.Numerics.BigInteger)bits * 1_000_000_000_000 + rate - 1) / rate;
            if (exact > long.MaxValue)
            {
                Assert.Throws<OverflowException>(() => new Bandwidth(rate).TimeFor(new ByteSize(bits)));
            }
            else
            {
                Assert.Equal((long)exact, new Bandwidth(rate).TimeFor(new ByteSize(bits)).Picoseconds);
            }
        }
    }

    [Fact]
    public void ToString_UsesTheLargestFittingUnit()
    {
        Assert.Equal("24 MiB", ByteSize.Parse("24 MiB").ToString());
        Assert.Equal("1.5 GHz", Frequency.Parse("1500 MHz").ToString());
        Assert.Equal("100 ns", SimTime.Parse("100 ns").ToString());
    }
}
