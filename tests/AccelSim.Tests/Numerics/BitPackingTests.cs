using AccelSim.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AccelSim.Tests.Numerics;

public class BitPackingTests
{
    [Fact]
    public void Pack_Int4Codes_LowNibbleFirst()
    {
        Assert.Equal(new byte[] { 0x21, 0x03 }, BitPacking.Pack([1, 2, 3], 4));
        Assert.Equal(new byte[] { 0b_1110_0101, 0b_0000_0001 }, BitPacking.Pack([0b101, 0b100, 0b111], 3));
    }

    [Property]
    public Property PackThenUnpack_ReturnsCodes() =>
        Prop.ForAll(Gen.Choose(1, 8).ToArbitrary(), Gen.Choose(0, 300).ToArbitrary(), (bits, count) =>
        {
            var random = new Random((bits * 1000) + count);
            uint[] codes = [.. Enumerable.Range(0, count).Select(_ => (uint)random.Next(1 << bits))];
            byte[] packed = BitPacking.Pack(codes, bits);
            return packed.Length == ((count * bits) + 7) / 8 && BitPacking.Unpack(packed, bits, count).SequenceEqual(codes);
        });

    [Fact]
    public void QuantizedTensor_PackCodes_IsDense()
    {
        QuantizedTensor t = NumericFormats.Parse("mxfp4").Quantize(SyntheticTensor.Generate(Distribution.Gaussian, 2, 64, 4), 2, 64);
        byte[] packed = t.PackCodes();
        Assert.Equal(64, packed.Length);
        Assert.Equal(t.Codes.ToArray(), BitPacking.Unpack(packed, 4, 128));
    }
}
