using AccelSim.Hardware;
using AccelSim.Numerics;
using FsCheck;
using FsCheck.Fluent;

namespace AccelSim.Tests.Hardware;

/// <summary>The per-group dequantizer rounds sum × scale × scale once to FP32, checked against an exact sum's rounding.</summary>
public class GroupDequantizerTests
{
    [Fact]
    public void SmallProducts_MatchTheDoubleProductRounded()
    {
        Assert.Equal(1.5f, GroupDequantizer.ToFp32(3, 0.5, 1.0));
        Assert.Equal(-0f, GroupDequantizer.ToFp32(0, 1.0, 1.0) * -1);
        Assert.Equal((float)(12345 * 0.0078125 * 3.0517578125e-05), GroupDequantizer.ToFp32(12345, 0.0078125, 3.0517578125e-05));
    }

    [Fact]
    public void TieBeyondFiftyThreeBits_RoundsCorrectly_NotTwice()
    {
        // 2^60 + 2^36 + 1 is just above the FP32 midpoint between 2^60 and 2^60 + 2^37: correct rounding goes up,
        // rounding to double first (to 2^60 + 2^36, a tie) then to float would go down to 2^60.
        long sum = (1L << 60) + (1L << 36) + 1;
        Assert.Equal(Math.ScaleB(1.0, 60) + Math.ScaleB(1.0, 37), GroupDequantizer.ToFp32(sum, 1.0, 1.0));
    }

    [Fact]
    public void Property_EqualsExactSumRoundedToFp32()
    {
        MiniFloatFormat fp32 = ElementFormats.Fp32;
        MiniFloatFormat fp16 = ElementFormats.Fp16;
        Prop.ForAll(
            ArbMap.Default.ArbFor<int>(),
            ArbMap.Default.ArbFor<int>(),
            ArbMap.Default.ArbFor<int>(),
            (sum, a, w) =>
            {
                // Scales as the formats make them: an FP32 per-tensor scale and an FP16 group scale.
                double scaleA = fp32.Decode(fp32.Encode(Math.ScaleB(1 + ((a & 0xFFFF) / 65536.0), (a >> 16) % 20)));
                double scaleW = fp16.Decode(fp16.Encode(Math.ScaleB(1 + ((w & 0x3FF) / 1024.0), -((w >> 10) & 15))));
                (long sa, int ea) = Odd(scaleA);
                (long sw, int ew) = Odd(scaleW);
                var exact = new ExactSum();
                exact.AddTerm((Int128)sum * sa * sw, ea + ew);
                double expected = exact.Round(24, -149, fp32.MaxFinite);
                return GroupDequantizer.ToFp32(sum, scaleA, scaleW) == (float)expected;
            }).QuickCheckThrowOnFailure();
    }

    private static (long Significand, int Exponent) Odd(double scale)
    {
        long s = (long)Math.ScaleB(scale, 40);
        int zeros = System.Numerics.BitOperations.TrailingZeroCount(s);
        return (s >> zeros, zeros - 40);
    }
}
