namespace AccelSim.Numerics;

/// <summary>
/// Integers with one FP32 scale for the whole tensor, how "INT8" and "INT4" tensors are meant in practice.
/// The scale maps the largest magnitude onto the largest code (absmax), or for ternary and binary weights is the
/// mean magnitude (absmean, as BitNet b1.58, Ma et al. 2024, and XNOR-Net, Rastegari et al. 2016, scale them).
/// Signed formats use the symmetric range ±(2^(n-1)-1) so that zero is exact and the range is balanced.
/// </summary>
public sealed class ScaledIntFormat : NumericFormat
{
    public ScaledIntFormat(string name, IElementFormat element, bool absMean)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Element = element ?? throw new ArgumentNullException(nameof(element));
        if (!element.IsInteger)
        {
            throw new ArgumentException($"{element.Name} is not an integer format.", nameof(element));
        }

        IsAbsMean = absMean;
    }

    public override string Name { get; }

    public override IElementFormat Element { get; }

    public bool IsAbsMean { get; }

    public override int? BlockSize => null;

    public override double BitsPerElement => Element.Bits;

    public override string Scaling => IsAbsMean ? "per-tensor FP32, absmean (+32 bits/tensor)" : "per-tensor FP32, absmax (+32 bits/tensor)";

    public override long StorageBits(int vectors, int length) => ((long)vectors * length * Element.Bits) + TensorScaleBits;

    public override int TensorScaleBits => 32;

    public override bool NeedsWholeTensor => true;

    protected override QuantizedTensor QuantizeChecked(ReadOnlySpan<double> values, int vectors, int length, Rounding rounding, TensorRange whole)
    {
        double amax = whole.AbsMax;
        if (double.IsNaN(amax) || double.IsNaN(FiniteAbsMax(values)))
        {
            throw new ArgumentException($"{Name} cannot quantize NaN or infinite values.", nameof(values));
        }

        double raw = IsAbsMean ? whole.MeanAbs : amax / Element.MaxFinite;
        double scale = ElementFormats.Fp32.Decode(ElementFormats.Fp32.Encode(raw));
        if (double.IsInfinity(scale))
        {
            // The FP32 scale cannot hold it: every code would be 0 and read back as 0 × ∞ = NaN, silently.
            throw new ArgumentException(
                $"{Name}: the tensor spans more than its FP32 scale can reach ({(IsAbsMean ? "a mean magnitude" : "a magnitude")} of {(IsAbsMean ? raw : amax):G6}); rescale it", nameof(values));
        }

        if (scale == 0)
        {
            scale = 1;
        }

        var codes = new uint[values.Length];
        if (rounding.Mode == RoundingMode.NearestEven && Element is IntFormat integer)
        {
            integer.EncodeNearest(values, scale, 0, codes);
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                codes[i] = Element.Encode(values[i] / scale, rounding);
            }
        }

        return new QuantizedTensor(this, vectors, length, codes, length, sharedBlock: true, [scale], null, 1.0);
    }
}
