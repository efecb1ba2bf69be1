using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

public class Int4GroupGemvTests
{
    [Theory]
    [InlineData(7, 256, 128)]
    [InlineData(33, 4096, 128)]   // Llama-scale K, the usual group
    [InlineData(5, 192, 64)]
    [InlineData(3, 96, 32)]       // a group narrower than a 64-code step: the scalar loop
    [InlineData(4, 130, 130)]     // one group that is not a whole number of steps
    [InlineData(2, 512, 512)]     // one group per column
    public void Multiply_EqualsTheNaiveSumOfEachGroup(int n, int k, int groupSize)
    {
        var random = new Random((n * 1_000) + k);
        sbyte[] x = [.. Enumerable.Range(0, k).Select(_ => (sbyte)random.Next(-128, 128))];
        uint[] codes = [.. Enumerable.Range(0, n * k).Select(_ => (uint)random.Next(16))];
        byte[] packed = BitPacking.Pack(codes, 4);
        int groups = k / groupSize;
        byte[] zeros = [.. Enumerable.Range(0, n * groups).Select(_ => (byte)random.Next(16))];
        var sums = new int[n * groups];
        Int4GroupGemv.Multiply(x, packed, zeros, sums, n, k, groupSize);

        var expected = new int[n * groups];
        for (int j = 0; j < n; j++)
        {
            for (int p = 0; p < k; p++)
            {
                int g = p / groupSize;
                expected[(j * groups) + g] += x[p] * ((int)codes[(j * k) + p] - zeros[(j * groups) + g]);
            }
        }

        Assert.Equal(expected, sums);
        // The extremes: every activation −128 against codes 15 with zero point 0 (the largest magnitude a group takes).
        Array.Fill(x, (sbyte)-128);
        Array.Fill(packed, (byte)0xFF);
        Array.Fill(zeros, (byte)0);
        Int4GroupGemv.Multiply(x, packed, zeros, sums, n, k, groupSize);
        Assert.All(sums, s => Assert.Equal(-128 * 15 * groupSize, s));
    }

    [Fact]
    public void Multiply_RefusesGroupsThatDoNotDivideK()
    {
        Assert.Throws<ArgumentException>(() => Int4GroupGemv.Multiply(new sbyte[100], new byte[50], new byte[1], new int[1], 1, 100, 64));
    }
}
