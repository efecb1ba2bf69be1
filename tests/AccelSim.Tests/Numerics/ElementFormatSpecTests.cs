using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

/// <summary>Spec landmarks, typed in from the OCP OFP8 / MX v1.0 tables and IEEE 754, not computed by the code under test.</summary>
public class ElementFormatSpecTests
{
    public static TheoryData<string, double, double, double, bool, bool> Landmarks => new()
    {
        // name, max finite, min normal, min subnormal (or min value), has NaN, has Inf
        { "fp4-e2m1", 6, 1, 0.5, false, false },
        { "fp6-e2m3", 7.5, 1, 0.125, false, false },
        { "fp6-e3m2", 28, 0.25, 0.0625, false, false },
        { "fp8-e4m3", 448, 1.0 / 64, 1.0 / 512, true, false },
        { "fp8-e5m2", 57344, 1.0 / 16384, 1.0 / 65536, true, true },
        { "fp16", 65504, 6.103515625e-05, 5.9604644775390625e-08, true, true },
        { "bf16", 3.3895313892515355e38, 1.1754943508222875e-38, 9.183549615799121e-41, true, true },
        { "fp32", 3.4028234663852886e38, 1.1754943508222875e-38, 1.401298464324817e-45, true, true },
        { "e8m0", 1.7014118346046923e38, 5.877471754111438e-39, 5.877471754111438e-39, true, false },
        { "ue4m3", 448, 1.0 / 64, 1.0 / 512, true, false },
    };

    [Theory]
    [MemberData(nameof(Landmarks))]
    public void Format_Landmarks_MatchSpec(string name, double max, double minNormal, double minPositive, bool nan, bool inf)
    {
        IElementFormat format = ElementFormats.Find(name)!;
        Assert.Equal(max, format.MaxFinite);
        Assert.Equal(minNormal, format.MinNormal);
        Assert.Equal(minPositive, format.MinPositive);
        Assert.Equal(nan, format.HasNaN);
        Assert.Equal(inf, format.HasInfinity);
    }

    [Fact]
    public void Fp4E2M1_EveryCode_DecodesToSpecValueSet()
    {
        double[] expected = [0, 0.5, 1, 1.5, 2, 3, 4, 6, -0.0, -0.5, -1, -1.5, -2, -3, -4, -6];
        for (uint code = 0; code < 16; code++)
        {
            Assert.Equal(expected[code], ElementFormats.Fp4E2M1.Decode(code));
        }
    }

    public static TheoryData<string, uint, double> SpecialCodes => new()
    {
        { "fp8-e4m3", 0x7E, 448 },
        { "fp8-e4m3", 0x7F, double.NaN },
        { "fp8-e4m3", 0xFF, double.NaN },
        { "fp8-e4m3", 0x78, 256 },
        { "fp8-e4m3", 0x08, 1.0 / 64 },
        { "fp8-e4m3", 0x01, 1.0 / 512 },
        { "fp8-e5m2", 0x7B, 57344 },
        { "fp8-e5m2", 0x7C, double.PositiveInfinity },
        { "fp8-e5m2", 0xFC, double.NegativeInfinity },
        { "fp8-e5m2", 0x7D, double.NaN },
        { "fp8-e5m2", 0x7E, double.NaN },
        { "fp8-e5m2", 0x7F, double.NaN },
        { "fp6-e3m2", 0x1F, 28 },
        { "fp6-e2m3", 0x1F, 7.5 },
        { "fp6-e2m3", 0x3F, -7.5 },
        { "e8m0", 0x00, 5.877471754111438e-39 },
        { "e8m0", 0x7F, 1 },
        { "e8m0", 0xFE, 1.7014118346046923e38 },
        { "e8m0", 0xFF, double.NaN },
        { "ue4m3", 0x7F, double.NaN },
        { "fp16", 0x7C00, double.PositiveInfinity },
        { "fp16", 0x7E00, double.NaN },
        { "fp16", 0x3C00, 1 },
        { "bf16", 0x3F80, 1 },
        { "bf16", 0x7F80, double.PositiveInfinity },
        { "int8", 0x80, -128 },
        { "int8", 0x7F, 127 },
        { "int4", 0xF, -1 },
        { "uint4", 0xF, 15 },
        { "ternary", 0x3, -1 },
        { "ternary", 0x1, 1 },
        { "binary", 0, -1 },
        { "binary", 1, 1 },
    };

    [Theory]
    [MemberData(nameof(SpecialCodes))]
    public void Decode_SpecCode_GivesSpecValue(string name, uint code, double expected)
    {
        Assert.Equal(expected, ElementFormats.Find(name)!.Decode(code));
    }

    [Fact]
    public void SymmetricInt_MostNegativeCode_IsUnused()
    {
        Assert.False(ElementFormats.Symmetric(8).IsCode(0x80));
        Assert.False(ElementFormats.Ternary.IsCode(0x2));
        Assert.True(ElementFormats.TwosComplement(8).IsCode(0x80));
    }

    [Fact]
    public void Fp16_EveryCode_MatchesSystemHalf()
    {
        for (uint code = 0; code <= 0xFFFF; code++)
        {
            double expected = (double)BitConverter.UInt16BitsToHalf((ushort)code);
            double actual = ElementFormats.Fp16.Decode(code);
            Assert.True(expected.Equals(actual), $"code 0x{code:X4}: expected {expected}, got {actual}");
        }
    }

    [Fact]
    public void Bf16_EveryCode_MatchesUpperHalfOfFloat()
    {
        for (uint code = 0; code <= 0xFFFF; code++)
        {
            double expected = BitConverter.UInt32BitsToSingle(code << 16);
            Assert.True(expected.Equals(ElementFormats.Bf16.Decode(code)), $"code 0x{code:X4}");
        }
    }

    [Fact]
    public void Fp32_RandomCodes_MatchSystemSingle()
    {
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            uint code = (uint)random.NextInt64(0, 1L << 32);
            double expected = BitConverter.UInt32BitsToSingle(code);
            Assert.True(expected.Equals(ElementFormats.Fp32.Decode(code)), $"code 0x{code:X8}");
        }
    }
}
