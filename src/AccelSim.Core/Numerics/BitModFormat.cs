using System.Globalization;

namespace AccelSim.Numerics;

/// <summary>
/// BitMoD's mixture of datatypes (Chen et al., HPCA 2025, arXiv 2411.11745): weights in groups (128 by default), each
/// group quantized with whichever of four 3- or 4-bit datatypes fits it with the least squared error. The datatypes
/// are FP3 (E2M0) or FP4 (E2M1) whose redundant negative zero is given to one special value: extra resolution (ER,
/// ±3 for FP3, ±5 for FP4) or extra asymmetry (EA, ±6 for FP3, ±8 for FP4), on the positive or negative side.
/// Values are kept in BitMoD's unified integer form (FP4 doubled), the value lists of the paper's released code.
/// </summary>
/// <remarks>
/// Each group stores an FP16 scale and a 2-bit datatype index (AccelSim's layout; the paper's simulator counts an
/// 8-bit scale per group). The scale is the smallest that fits every value of the group: fp16(max over x of
/// |x| / reach), reach being the datatype's largest value for x ≥ 0 and its most negative value's magnitude for x &lt; 0.
/// Codes are the nearest value (ties to the smaller magnitude); of equal errors the earlier datatype wins.
/// </remarks>
public sealed class BitModFormat : NumericFormat
{
    private const int SelectorBits = 2;
    private const int ScaleBits = 16;

    private readonly BitModElement element;

    public BitModFormat(int bits, int groupSize)
    {
        if (bits is not (3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "BitMoD's datatypes are 3 or 4 bits wide.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        Bits = bits;
        GroupSize = groupSize;
        Datatypes = Candidates(bits);
        element = new BitModElement(bits, Datatypes);
        Name = $"bitmod{bits}-g{groupSize.ToString(CultureInfo.InvariantCulture)}";
    }

    public override string Name { get; }

    public int Bits { get; }

    public int GroupSize { get; }

    /// <summary>The datatypes a group chooses from, in the order ties are broken.</summary>
    public IReadOnlyList<CodebookFormat> Datatypes { get; }

    public override IElementFormat Element => element;

    public override int? BlockSize => GroupSize;

    public override double BitsPerElement => Bits + ((double)(ScaleBits + SelectorBits) / GroupSize);

    public override string Scaling => $"per {GroupSize} elements: FP16 scale + 2-bit choice of {string.Join("/", Datatypes.Select(d => d.Name))}";

    public override long StorageBits(int vectors, int length) =>
        ((long)vectors * length * Bits) + (vectors * CeilDiv(length, GroupSize) * (ScaleBits + SelectorBits));

    protected override QuantizedTensor QuantizeChecked(ReadOnlySpan<double> values, int vectors, int length, Rounding rounding, TensorRange whole)
    {
        if (double.IsNaN(FiniteAbsMax(values)))
        {
            throw new ArgumentException($"{Name} cannot quantize NaN or infinite values.", nameof(values));
        }

        int groupsPerVector = (int)CeilDiv(length, GroupSize);
        var codes = new uint[values.Length];
        var scales = new double[vectors * groupsPerVector];
        var chosen = new IElementFormat[scales.Length];
        var trial = new uint[GroupSize];
        for (int g = 0; g < scales.Length; g++)
        {
            int offset = (g % groupsPerVector) * GroupSize;
            int start = ((g / groupsPerVector) * length) + offset;
            ReadOnlySpan<double> group = values.Slice(start, Math.Min(GroupSize, length - offset));
            double bestError = double.PositiveInfinity;
            foreach (CodebookFormat datatype in Datatypes)
            {
                double scale = ScaleFor(group, datatype);
                double error = 0;
                for (int i = 0; i < group.Length; i++)
                {
                    trial[i] = datatype.Encode(group[i] / scale, rounding);
                    double difference = group[i] - (datatype.Decode(trial[i]) * scale);
                    error += difference * difference;
                }

                if (error < bestError)
                {
                    bestError = error;
                    scales[g] = scale;
                    chosen[g] = datatype;
                    trial.AsSpan(0, group.Length).CopyTo(codes.AsSpan(start));
                }
            }
        }

        return new QuantizedTensor(this, vectors, length, codes, GroupSize, sharedBlock: false, scales, null, 1.0, chosen);
    }

    private static double ScaleFor(ReadOnlySpan<double> group, CodebookFormat datatype)
    {
        double needed = 0;
        foreach (double x in group)
        {
            needed = Math.Max(needed, x >= 0 ? x / datatype.MaxFinite : x / datatype.MinFinite);
        }

        MiniFloatFormat fp16 = ElementFormats.Fp16;
        double scale = fp16.Decode(fp16.Encode(needed));
        return scale == 0 ? 1 : scale;
    }

    private static CodebookFormat[] Candidates(int bits)
    {
        // FP4 E2M1 magnitudes doubled, and FP3 E2M0 magnitudes, as integers; the special values as BitMoD defines them.
        int[] magnitudes = bits == 4 ? [1, 2, 3, 4, 6, 8, 12] : [1, 2, 4];
        (string Name, int Special)[] specials = bits == 4
            ? [("er-pos", 10), ("er-neg", -10), ("ea-pos", 16), ("ea-neg", -16)]
            : [("er-pos", 3), ("er-neg", -3), ("ea-pos", 6), ("ea-neg", -6)];
        return
        [
            .. specials.Select(s => new CodebookFormat(
                $"fp{bits}-{s.Name}",
                bits,
                [.. magnitudes.Select(m => -m).Append(0).Concat(magnitudes).Append(s.Special).Order()])),
        ];
    }

    /// <summary>
    /// The format-wide view of the codes: their width and range. What a code means depends on its group's datatype,
    /// so codes are decoded through <see cref="QuantizedTensor.ElementValue"/>, never here.
    /// </summary>
    private sealed class BitModElement(int bits, IReadOnlyList<CodebookFormat> datatypes) : IElementFormat
    {
        public string Name { get; } = $"bitmod{bits}";

        public int Bits => bits;

        public double MaxFinite { get; } = datatypes.Max(d => d.MaxFinite);

        public double MinFinite { get; } = datatypes.Min(d => d.MinFinite);

        public double MinPositive => 1;

        public double MinNormal => 1;

        public bool HasNaN => false;

        public bool HasInfinity => false;

        public bool IsInteger => true;

        public bool IsCode(uint code) => code < 1u << bits;

        public double Decode(uint code) => throw new InvalidOperationException(
            $"A {Name} code means a value only within its group, whose datatype it is decoded by.");

        public uint Encode(double value, Rounding rounding = default) => throw new InvalidOperationException(
            $"{Name} values are encoded group by group, by the datatype each group chooses.");
    }
}
