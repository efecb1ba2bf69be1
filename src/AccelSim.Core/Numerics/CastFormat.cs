namespace AccelSim.Numerics;

/// <summary>Values converted straight to the element format, with no scale: how FP16, BF16 and FP32 tensors (and unscaled FP8) are stored.</summary>
public sealed class CastFormat(IElementFormat element) : NumericFormat
{
    public override string Name => Element.Name;

    public override IElementFormat Element { get; } = element ?? throw new ArgumentNullException(nameof(element));

    public override int? BlockSize => null;

    public override double BitsPerElement => Element.Bits;

    public override string Scaling => "none (cast)";

    public override long StorageBits(int vectors, int length) => (long)vectors * length * Element.Bits;

    protected override QuantizedTensor QuantizeChecked(ReadOnlySpan<double> values, int vectors, int length, Rounding rounding, TensorRange whole)
    {
        var codes = new uint[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            codes[i] = Element.Encode(values[i], rounding);
        }

        return new QuantizedTensor(this, vectors, length, codes, length, sharedBlock: true, [1.0], null, 1.0);
    }
}
