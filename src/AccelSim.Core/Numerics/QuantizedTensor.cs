namespace AccelSim.Numerics;

/// <summary>
/// A matrix quantized in a <see cref="NumericFormat"/>: <see cref="Vectors"/> vectors of <see cref="Length"/>
/// elements, each vector contiguous and running along the GEMM reduction axis K (activations: one vector per row
/// of A, M×K; weights: one vector per column of W, K×N). Consecutive elements of a vector share a scale block.
/// </summary>
/// <remarks>
/// Element (v, i) stands for the exact value (element − zero point) · block scale · tensor scale. Every format
/// here keeps that value a dyadic rational that fits a double exactly (at most 30 significant bits).
/// </remarks>
public sealed class QuantizedTensor
{
    private readonly uint[] codes;
    private readonly double[] blockScales;
    private readonly int[]? zeroPoints;
    private readonly IElementFormat[]? blockElements;

    internal QuantizedTensor(
        NumericFormat format,
        int vectors,
        int length,
        uint[] codes,
        int blockLength,
        bool sharedBlock,
        double[] blockScales,
        int[]? zeroPoints,
        double tensorScale,
        IElementFormat[]? blockElements = null)
    {
        Format = format;
        Vectors = vectors;
        Length = length;
        this.codes = codes;
        BlockLength = blockLength;
        IsBlockShared = sharedBlock;
        this.blockScales = blockScales;
        this.zeroPoints = zeroPoints;
        TensorScale = tensorScale;
        this.blockElements = blockElements;
    }

    public NumericFormat Format { get; }

    public IElementFormat Element => Format.Element;

    public int Vectors { get; }

    public int Length { get; }

    public int Count => Vectors * Length;

    /// <summary>Elements per scale block along a vector.</summary>
    public int BlockLength { get; }

    /// <summary>True when one block (and scale) covers the whole tensor.</summary>
    public bool IsBlockShared { get; }

    public int BlocksPerVector => IsBlockShared ? 1 : (Length + BlockLength - 1) / BlockLength;

    /// <summary>Second-level scale shared by the whole tensor (NVFP4's FP32 scale); 1 elsewhere.</summary>
    public double TensorScale { get; }

    public ReadOnlySpan<uint> Codes => codes;

    public ReadOnlySpan<double> BlockScales => blockScales;

    public ReadOnlySpan<int> ZeroPoints => zeroPoints;

    public bool HasZeroPoints => zeroPoints is not null;

    /// <summary>True for a mixture-of-datatype tensor (BitMoD), where each block picks its own element format.</summary>
    public bool HasBlockElements => blockElements is not null;

    /// <summary>The element format code (v, i) is written in: its block's own where blocks choose, else the tensor's.</summary>
    public IElementFormat ElementOf(int vector, int index) => blockElements is null ? Element : blockElements[BlockIndex(vector, index)];

    /// <summary>Exact storage of codes, scales and zero points, in bits.</summary>
    public long StorageBits => Format.StorageBits(Vectors, Length);

    public uint Code(int vector, int index) => codes[(vector * Length) + index];

    public int BlockIndex(int vector, int index) => IsBlockShared ? 0 : (vector * BlocksPerVector) + (index / BlockLength);

    /// <summary>The element's value before scaling: the decoded code minus the block's zero point.</summary>
    public double ElementValue(int vector, int index)
    {
        double decoded = ElementOf(vector, index).Decode(Code(vector, index));
        return zeroPoints is null ? decoded : decoded - zeroPoints[BlockIndex(vector, index)];
    }

    /// <summary>The factor that turns <see cref="ElementValue"/> into the represented value (exact).</summary>
    public double Scale(int vector, int index) => blockScales[BlockIndex(vector, index)] * TensorScale;

    /// <summary>The exact value element (v, i) represents.</summary>
    public double Value(int vector, int index) => ElementValue(vector, index) * Scale(vector, index);

    /// <summary>All represented values, vector-major.</summary>
    public double[] Dequantize()
    {
        var values = new double[Count];
        for (int v = 0; v < Vectors; v++)
        {
            ValuesOf(v, values.AsSpan(v * Length, Length));
        }

        return values;
    }

    /// <summary>Vector <paramref name="vector"/>'s codes decoded in their block's element format, zero points not
    /// subtracted (how a datapath that corrects for them per group reads them).</summary>
    public void CodeValuesOf(int vector, Span<double> into) => Decode(vector, into, centred: false, scaled: false);

    /// <summary>Vector <paramref name="vector"/>'s <see cref="ElementValue"/>s, written into <paramref name="into"/> (Length long).</summary>
    public void ElementValuesOf(int vector, Span<double> into) => Decode(vector, into, centred: true, scaled: false);

    /// <summary>Vector <paramref name="vector"/>'s <see cref="Value"/>s, written into <paramref name="into"/> (Length long).</summary>
    public void ValuesOf(int vector, Span<double> into) => Decode(vector, into, centred: true, scaled: true);

    /// <summary>
    /// <paramref name="map"/> of each of vector <paramref name="vector"/>'s <see cref="Value"/>s (a pure function: a
    /// rounding to another format, say). A block whose codes are fewer than its elements is mapped once per code.
    /// </summary>
    public void ValuesOf(int vector, Span<double> into, Func<double, double> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Decode(vector, into, centred: true, scaled: true, map);
    }

    /// <summary>
    /// The same numbers, by the same operations, as <see cref="ElementValue"/> and <see cref="Value"/> element by
    /// element, but a block at a time: the block's format, zero point and scale looked up once, codes decoded through
    /// a table (a functional check of a 7B model's layer decodes ~10^8 of them).
    /// </summary>
    private void Decode(int vector, Span<double> into, bool centred, bool scaled) => Decode(vector, into, centred, scaled, null);

    /// <param name="map">When given, applied to each value (once per code where a block has fewer codes than elements).</param>
    private void Decode(int vector, Span<double> into, bool centred, bool scaled, Func<double, double>? map)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(into.Length, Length);
        ReadOnlySpan<uint> run = codes.AsSpan(vector * Length, Length);
        int blockLength = IsBlockShared ? Length : BlockLength;
        Span<double> blockTable = stackalloc double[256];
        ValueMemo? memo = null;
        for (int start = 0; start < Length; start += blockLength)
        {
            int end = Math.Min(Length, start + blockLength), block = BlockIndex(vector, start);
            IElementFormat format = blockElements is null ? Element : blockElements[block];
            ReadOnlySpan<double> table = DecodeTables.Of(format);
            double zero = centred && zeroPoints is not null ? zeroPoints[block] : 0;
            double scale = scaled ? Scale(vector, start) : 1;
            if (!table.IsEmpty && table.Length <= Math.Min(blockTable.Length, end - start))
            {
                // Fewer codes than elements: each code's value (and its map) once, then a lookup per element.
                Span<double> values = blockTable[..table.Length];
                for (int c = 0; c < table.Length; c++)
                {
                    double value = scaled ? (table[c] - zero) * scale : table[c] - zero;
                    values[c] = double.IsNaN(table[c]) || map is null ? value : map(value);
                }

                for (int i = start; i < end; i++)
                {
                    uint code = run[i];
                    double value = code < (uint)values.Length ? values[(int)code] : double.NaN;
                    into[i] = !double.IsNaN(value) ? value : OneValue(format, code, zero, scale, scaled, map);
                }

                continue;
            }

            if (map is not null)
            {
                memo ??= new ValueMemo(map);
            }

            for (int i = start; i < end; i++)
            {
                uint code = run[i];
                double decoded = code < (uint)table.Length ? table[(int)code] : double.NaN;
                double value = scaled ? (decoded - zero) * scale : decoded - zero;
                into[i] = double.IsNaN(value) ? OneValue(format, code, zero, scale, scaled, map) : memo is null ? value : memo[value];
            }
        }
    }

    /// <summary>One element the slow way: a code the table has no value for (a NaN, or no such code, which throws).</summary>
    private static double OneValue(IElementFormat format, uint code, double zero, double scale, bool scaled, Func<double, double>? map)
    {
        double decoded = format.Decode(code);
        double value = scaled ? (decoded - zero) * scale : decoded - zero;
        return map is null ? value : map(value);
    }

    /// <summary>The element codes packed densely, <see cref="IElementFormat.Bits"/> bits each, least significant bit first.</summary>
    public byte[] PackCodes() => BitPacking.Pack(codes, Element.Bits);
}
