using AccelSim.Numerics;

namespace AccelSim.Tests.Numerics;

/// <summary>Exhaustive checks over every code of every format of 8 bits or fewer.</summary>
public class ElementFormatCodeTests
{
    public static TheoryData<string> SmallFormats()
    {
        var data = new TheoryData<string>();
        foreach (IElementFormat format in ElementFormats.All.Where(f => f.Bits <= 8))
        {
            data.Add(format.Name);
        }

        return data;
    }

    private static IEnumerable<uint> Codes(IElementFormat format) =>
        Enumerable.Range(0, 1 << format.Bits).Select(c => (uint)c).Where(format.IsCode);

    [Theory]
    [MemberData(nameof(SmallFormats))]
    public void EveryCode_DecodeThenEncode_ReturnsTheCode(string name)
    {
        IElementFormat format = ElementFormats.Find(name)!;
        foreach (uint code in Codes(format))
        {
            double value = format.Decode(code);
            uint again = format.Encode(value);
            if (double.IsNaN(value))
            {
                Assert.True(double.IsNaN(format.Decode(again)), $"{name}: NaN code 0x{code:X2} re-encoded to a non-NaN");
            }
            else
            {
                Assert.True(code == again, $"{name}: code 0x{code:X2} = {value} re-encoded as 0x{again:X2}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SmallFormats))]
    public void Codes_InSpecOrder_AreStrictlyIncreasing(string name)
    {
        IElementFormat format = ElementFormats.Find(name)!;

        // Spec order: two's complement integers by their signed value; sign-magnitude floats from the most negative
        // code (sign set, largest magnitude) down to -0, then +0 up to the largest positive code.
        List<uint> ordered = format switch
        {
            IntFormat i when i.IsSigned => [.. Codes(format).OrderBy(c => c >= 1u << (format.Bits - 1) ? (long)c - (1L << format.Bits) : c)],
            MiniFloatFormat { IsSigned: true } f => [.. Codes(format).Where(c => c >> (f.Bits - 1) == 1).OrderByDescending(c => c),
                                                     .. Codes(format).Where(c => c >> (f.Bits - 1) == 0).OrderBy(c => c)],
            _ => [.. Codes(format).OrderBy(c => c)],
        };
        double[] values = [.. ordered.Select(format.Decode).Where(v => !double.IsNaN(v))];
        for (int i = 1; i < values.Length; i++)
        {
            bool zeroPair = values[i - 1] == 0 && values[i] == 0;
            Assert.True(values[i - 1] < values[i] || zeroPair, $"{name}: {values[i - 1]} is not below {values[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(SmallFormats))]
    public void Minifloats_EveryCode_MatchesIndependentSpecFormula(string name)
    {
        if (ElementFormats.Find(name) is not MiniFloatFormat f)
        {
            return;
        }

        foreach (uint code in Codes(f))
        {
            double expected = SpecValue(f, code);
            Assert.True(expected.Equals(f.Decode(code)), $"{name}: code 0x{code:X2}: spec {expected}, decoded {f.Decode(code)}");
        }
    }

    // The textbook formula: (-1)^s · 2^(E - bias) · (1 + M / 2^m) for normals, (-1)^s · 2^(1 - bias) · (M / 2^m) for subnormals.
    private static double SpecValue(MiniFloatFormat f, uint code)
    {
        int m = f.MantissaBits;
        int e = f.ExponentBits;
        int sign = f.IsSigned ? (int)(code >> (e + m)) & 1 : 0;
        int exponentField = (int)(code >> m) & ((1 << e) - 1);
        int mantissa = (int)code & ((1 << m) - 1);
        bool allOnesExponent = exponentField == (1 << e) - 1;
        if (f.Specials == FloatSpecials.Ieee && allOnesExponent)
        {
            return mantissa == 0 ? (sign == 1 ? double.NegativeInfinity : double.PositiveInfinity) : double.NaN;
        }

        if (f.Specials == FloatSpecials.NanAtAllOnes && allOnesExponent && mantissa == (1 << m) - 1)
        {
            return double.NaN;
        }

        double magnitude = exponentField == 0 && f.HasSubnormals
            ? Math.Pow(2, 1 - f.Bias) * (mantissa / Math.Pow(2, m))
            : Math.Pow(2, exponentField - f.Bias) * (1 + (mantissa / Math.Pow(2, m)));
        return sign == 1 ? -magnitude : magnitude;
    }
}
