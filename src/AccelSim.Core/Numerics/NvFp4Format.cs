namespace AccelSim.Numerics;

/// <summary>
/// NVIDIA NVFP4: FP4 E2M1 elements in blocks of 16, each block with an unsigned E4M3 scale, and one FP32 scale
/// for the tensor.
/// </summary>
/// <remarks>
/// Scale choice is the two-level recipe NVIDIA describes for NVFP4: tensor scale = max|x| / (6 · 448) in FP32,
/// so block scales use the E4M3 range; block scale = block max / 6 / tensor scale, rounded to nearest-even in
/// E4M3 (saturating); elements = x / (block scale · tensor scale), rounded to nearest-even in E2M1 (saturating).
/// NaN or infinite inputs are refused (the format has no NaN).
/// </remarks>
public sealed class NvFp4Format : NumericFormat
{
    public const int Block = 16;

    public override string Name => "nvfp4";

    public override IElementFormat Element => ElementFormats.Fp4E2M1;

    public override int? BlockSize => Block;

    public override double BitsPerElement => 4 + (8.0 / Block);

    public override string Scaling => "UE4M3 per 16 elements + FP32 per tensor (+32 bits/tensor)";

    public override long StorageBits(int vectors, int length) =>
        ((long)vectors * length * 4) + (vectors * CeilDiv(length, Block) * 8) + TensorScaleBits;

    /// <summary>The FP32 second-level scale of the whole tensor.</summary>
    public override int TensorScaleBits => 32;

    public override bool NeedsWholeTensor => true;

    protected override QuantizedTensor QuantizeChecked(ReadOnlySpan<double> values, int vectors, int length, Rounding rounding, TensorRange whole)
    {
        double tensorAmax = whole.AbsMax;
        if (double.IsNaN(tensorAmax) || double.IsNaN(FiniteAbsMax(values)))
        {
            throw new ArgumentException("nvfp4 cannot quantize NaN or infinite values.", nameof(values));
        }

        MiniFloatFormat fp32 = ElementFormats.Fp32;
        MiniFloatFormat ue4m3 = ElementFormats.UE4M3;
        double elementMax = Element.MaxFinite;
        double tensorScale = fp32.Decode(fp32.Encode(tensorAmax / (elementMax * ue4m3.MaxFinite)));
        if (tensorScale == 0)
        {
            tensorScale = 1;
        }

        if (double.IsInfinity(tensorScale))
        {
            // Past FP32's range the tensor scale is ∞ and every element would decode as NaN (0 × ∞).
            throw new ArgumentException($"nvfp4: max |x| = {tensorAmax:G6} needs a tensor scale beyond FP32's range (values up to about "
                + $"{fp32.MaxFinite * elementMax * ue4m3.MaxFinite:G3})", nameof(values));
        }

        int blocksPerVector = (int)CeilDiv(length, Block);
        var codes = new uint[values.Length];
        var scales = new double[vectors * blocksPerVector];
        for (int v = 0; v < vectors; v++)
        {
            for (int b = 0; b < blocksPerVector; b++)
            {
                int start = (v * length) + (b * Block);
                int count = Math.Min(Block, length - (b * Block));
                ReadOnlySpan<double> block = values.Slice(start, count);
                double blockScale = ue4m3.Decode(ue4m3.Encode(FiniteAbsMax(block) / elementMax / tensorScale));
                scales[(v * blocksPerVector) + b] = blockScale;
                if (blockScale == 0)
                {
                    continue;
                }

                for (int i = 0; i < count; i++)
                {
                    codes[start + i] = Element.Encode(block[i] / (blockScale * tensorScale), rounding);
                }
            }
        }

        return new QuantizedTensor(this, vectors, length, codes, Block, sharedBlock: false, scales, null, tensorScale);
    }
}
