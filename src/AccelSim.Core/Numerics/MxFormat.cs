namespace AccelSim.Numerics;

/// <summary>
/// An OCP Microscaling (MX v1.0) block format: blocks of 32 elements sharing one E8M0 power-of-two scale.
/// </summary>
/// <remarks>
/// Scale choice follows OCP MX v1.0 section 6.3: shared exponent = ⌊log2(max |v|)⌋ − emax(element), clamped to
/// the E8M0 range [−127, 127]; elements are v / 2^shared, rounded to nearest-even and clamped to the element's
/// max normal. A block of zeros takes the smallest scale (2^−127). A block holding NaN or ±∞ gets the NaN scale
/// (0xFF) and zero elements, so every value of that block reads back as NaN, as the spec requires.
/// MXINT8 elements are two's complement with an implicit 2^−6 (fixed point 1.6) and a symmetric range ±127
/// (the spec leaves −128 unused); the 2^−6 is folded into the block scale here so elements stay integers.
/// </remarks>
public sealed class MxFormat : NumericFormat
{
    public const int Block = 32;

    private readonly int elementScaleExponent;
    private readonly int elementEmax;

    public MxFormat(string name, IElementFormat element, int elementScaleExponent = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Element = element ?? throw new ArgumentNullException(nameof(element));
        this.elementScaleExponent = elementScaleExponent;
        elementEmax = Math.ILogB(Math.ScaleB(element.MaxFinite, elementScaleExponent));
    }

    public override string Name { get; }

    public override IElementFormat Element { get; }

    public override int? BlockSize => Block;

    public override double BitsPerElement => Element.Bits + (8.0 / Block);

    public override string Scaling => "E8M0 per 32 elements (OCP MX v1.0)";

    public override long StorageBits(int vectors, int length) =>
        ((long)vectors * length * Element.Bits) + (vectors * CeilDiv(length, Block) * 8);

    protected override QuantizedTensor QuantizeChecked(ReadOnlySpan<double> values, int vectors, int length, Rounding rounding, TensorRange whole)
    {
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
                double amax = FiniteAbsMax(block);
                int blockIndex = (v * blocksPerVector) + b;
                if (double.IsNaN(amax))
                {
                    scales[blockIndex] = double.NaN;
                    continue;
                }

                int shared = amax == 0 ? -127 : Math.Clamp(Math.ILogB(amax) - elementEmax, -127, 127);
                scales[blockIndex] = Math.ScaleB(1.0, shared + elementScaleExponent);
                for (int i = 0; i < count; i++)
                {
                    double scaled = Math.ScaleB(block[i], -shared - elementScaleExponent);
                    codes[start + i] = Element.Encode(scaled, rounding);
                }
            }
        }

        return new QuantizedTensor(this, vectors, length, codes, Block, sharedBlock: false, scales, null, 1.0);
    }
}
