using System.Runtime.Intrinsics;
using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

public class PortableRandomTests
{
    // Pinned from an independent transcription of Vigna's reference C (xoshiro-reference.py beside this file).
    [Theory]
    [InlineData(0L, 0x99ec5f36cb75f2b4UL, 0xbf6e1f784956452aUL, 0x1a5f849d4933e6e0UL)]
    [InlineData(42L, 0x15780b2e0c2ec716UL, 0x6104d9866d113a7eUL, 0xae17533239e499a1UL)]
    [InlineData(-7L, 0xf305399b3b63f2c2UL, 0xd693dd0a37ae5bdcUL, 0x736e8338a3f226b9UL)]
    public void Next_IsXoshiro256StarStarSeededBySplitMix64(long seed, ulong first, ulong second, ulong third)
    {
        var random = new PortableRandom(seed);
        Assert.Equal([first, second, third], new[] { random.Next(), random.Next(), random.Next() });
    }

    [Fact]
    public void Lanes_AreFourGeneratorsOnConsecutiveSplitMixWords()
    {
        var lanes = new PortableRandomLanes(42);
        Assert.Equal(Vector256.Create(0x15780b2e0c2ec716UL, 0xfe647e5153400883UL, 0x74ea6fa5b404cb63UL, 0x46cfa1d25e24982cUL), lanes.Next());
        Assert.Equal(Vector256.Create(0x6104d9866d113a7eUL, 0x7fcb8e42f6a75c30UL, 0xc30cf7fab43cbe38UL, 0xb606bc1da08ce61eUL), lanes.Next());
    }

    [Fact]
    public void UnitOf_SpansOpenZeroToOne()
    {
        Assert.Equal(1.0 / (1L << 53), PortableRandom.UnitOf(0));
        Assert.Equal(1.0, PortableRandom.UnitOf(ulong.MaxValue));
    }

    [Fact]
    public void NextBelow_StaysInRangeAndCoversIt()
    {
        var random = new PortableRandom(3);
        int[] seen = new int[7];
        for (int i = 0; i < 7000; i++)
        {
            seen[random.NextBelow(7)]++;
        }

        Assert.All(seen, count => Assert.InRange(count, 850, 1150));
    }
}
