using System.Globalization;
using System.Runtime.Intrinsics;

namespace AccelSim.Numerics;

/// <summary>
/// Group-wise affine integer quantization (GPTQ/AWQ style): each group of consecutive elements along the reduction
/// axis has an FP16 scale s and, when asymmetric, an integer zero point z; an element code q stands for (q − z)·s.
/// </summary>
/// <remarks>
/// Asymmetric: the group range is widened to include 0 (as GPTQ's quantizer does), s = fp16((max − min)/(2^n − 1)),
/// z = round(−min/s) clamped to [0, 2^n − 1], q = clamp(round(x/s) + z, 0, 2^n − 1); codes are UINTn and the zero
/// point is stored in n bits. Symmetric: s = fp16(max|x| / (2^(n−1) − 1)), q = clamp(round(x/s), ±(2^(n−1) − 1)),
/// no zero point. A group of zeros gets s = 1. The rounding mode applies to round(x/s).
/// </remarks>
public sealed class GroupAffineFormat : NumericFormat
{
    public const int DefaultGroupSize = 128;

    private readonly IntFormat element;

    public GroupAffineFormat(int bits, GroupScope scope, int groupSize, bool symmetric)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 8);
        if (scope == GroupScope.Group)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        }

        Bits = bits;
        Scope = scope;
        GroupSize = scope == GroupScope.Group ? groupSize : 0;
        IsSymmetric = symmetric;
        element = symmetric ? ElementFormats.Symmetric(bits) : ElementFormats.UnsignedInt(bits);
        string group = scope switch
        {
            GroupScope.Group => groupSize.ToString(CultureInfo.InvariantCulture),
            GroupScope.Channel => "ch",
            _ => "tensor",
        };
        Name = $"int{bits}-g{group}{(symmetric ? "-sym" : string.Empty)}";
    }

    public override string Name { get; }

    public int Bits { get; }

    public GroupScope Scope { get; }

    /// <summary>Elements per group when <see cref="Scope"/> is <see cref="GroupScope.Group"/>; 0 otherwise.</summary>
    public int GroupSize { get; }

    public bool IsSymmetric { get; }

    public override IElementFormat Element => element;

    public override int? BlockSize => Scope == GroupScope.Group ? GroupSize : null;

    /// <summary>Bits of scale and zero point stored per group: FP16 scale plus an n-bit zero point when asymmetric.</summary>
    public int GroupOverheadBits => 16 + (IsSymmetric ? 0 : Bits);

    public override double BitsPerElement => Scope == GroupScope.Group ? Bits + ((double)GroupOverheadBits / GroupSize) : Bits;

    public override string Scaling
    {
        get
        {
            string what = IsSymmetric ? "FP16 scale" : $"FP16 scale + {Bits}-bit zero point";
            return Scope switch
            {
                GroupScope.Group => $"{what} per {GroupSize} elements",
                GroupScope.Channel => $"{what} per channel (+{GroupOverheadBits} bits/channel)",
                _ => $"{what} per tensor (+{GroupOverheadBits} bits/tensor)",
            };
        }
    }

    public override long StorageBits(int vectors, int length) =>
        ((long)vectors * length * Bits) + (Groups(vectors, length) * GroupOverheadBits);

    public override int TensorScaleBits => Scope is GroupScope.Group or GroupScope.Channel ? 0 : GroupOverheadBits;

    public override bool NeedsWholeTensor => Scope == GroupScope.Tensor;

    private long Groups(int vectors, int length) => Scope switch
    {
        GroupScope.Group => vectors * CeilDiv(length, GroupSize),
        GroupScope.Channel => vectors,
        _ => 1,
    };

    protected override QuantizedTensor QuantizeChecked(ReadOnlySpan<double> values, int vectors, int length, Rounding rounding, TensorRange whole)
    {
        if (double.IsNaN(FiniteAbsMax(values)) || (Scope == GroupScope.Tensor && double.IsNaN(whole.AbsMax)))
        {
            throw new ArgumentException($"{Name} cannot quantize NaN or infinite values.", nameof(values));
        }

        int groupLength = Scope == GroupScope.Group ? GroupSize : length;
        int groupsPerVector = (int)CeilDiv(length, groupLength);
        int groupCount = Scope == GroupScope.Tensor ? 1 : vectors * groupsPerVector;
        var codes = new uint[values.Length];
        var scales = new double[groupCount];
        int[]? zeros = IsSymmetric ? null : new int[groupCount];

        for (int g = 0; g < groupCount; g++)
        {
            // Members of group g: one contiguous run, except per-tensor where the group is everything.
            int start = Scope == GroupScope.Tensor ? 0 : ((g / groupsPerVector) * length) + ((g % groupsPerVector) * groupLength);
            int count = Scope == GroupScope.Tensor ? values.Length : Math.Min(groupLength, length - ((g % groupsPerVector) * groupLength));
            ReadOnlySpan<double> group = values.Slice(start, count);
            (double scale, int zero) = Scope == GroupScope.Tensor ? ChooseScale(whole.AbsMax, whole.Min, whole.Max) : ChooseScale(group);
            if (double.IsInfinity(scale))
            {
                // The FP16 scale cannot hold it: quantizing would turn finite weights into NaN (0 × ∞) silently.
                throw new ArgumentException(
                    $"{Name}: group {g} spans more than its FP16 scale can reach ({ElementFormats.Fp16.MaxFinite} × {element.Max} = {ElementFormats.Fp16.MaxFinite * element.Max:G6}); "
                    + "rescale the tensor or use a format with an FP32 scale", nameof(values));
            }

            scales[g] = scale;
            if (zeros is not null)
            {
                zeros[g] = zero;
            }

            if (rounding.Mode == RoundingMode.NearestEven)
            {
                element.EncodeNearest(group, scale, zero, codes.AsSpan(start, count));
                continue;
            }

            for (int i = 0; i < count; i++)
            {
                double q = rounding.ToInteger(group[i] / scale) + zero;
                long clamped = (long)Math.Clamp(q, element.Min, element.Max);
                codes[start + i] = element.FromInteger(clamped);
            }
        }

        bool shared = Scope == GroupScope.Tensor;
        return new QuantizedTensor(this, vectors, length, codes, shared ? length : groupLength, shared, scales, zeros, 1.0);
    }

    /// <summary>The FP16 scale (and zero point) of one group, from its largest magnitude or its least and greatest
    /// values with zero (four lanes at a time: neither depends on the order, and the sign of a zero minimum changes
    /// neither the scale nor the zero point).</summary>
    private (double Scale, int Zero) ChooseScale(ReadOnlySpan<double> group)
    {
        if (IsSymmetric)
        {
            return ChooseScale(FiniteAbsMax(group), 0, 0);
        }

        Vector256<double> least = Vector256<double>.Zero, greatest = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= group.Length; i += 4)
        {
            var v = Vector256.Create(group.Slice(i, 4));
            (least, greatest) = (Vector256.Min(least, v), Vector256.Max(greatest, v));
        }

        double min = 0, max = 0;
        for (int lane = 0; lane < 4; lane++)
        {
            (min, max) = (Math.Min(min, least[lane]), Math.Max(max, greatest[lane]));
        }

        for (; i < group.Length; i++)
        {
            (min, max) = (Math.Min(min, group[i]), Math.Max(max, group[i]));
        }

        return ChooseScale(0, min, max);
    }

    /// <summary>The FP16 scale (and zero point) of a group whose largest magnitude, or least and greatest values with
    /// zero, are these.</summary>
    private (double Scale, int Zero) ChooseScale(double absMax, double min, double max)
    {
        MiniFloatFormat fp16 = ElementFormats.Fp16;
        if (IsSymmetric)
        {
            double scale = fp16.Decode(fp16.Encode(absMax / element.Max));
            return (scale == 0 ? 1 : scale, 0);
        }

        double s = fp16.Decode(fp16.Encode((max - min) / element.Max));
        if (s == 0)
        {
            s = 1;
        }

        int zero = (int)Math.Clamp(Math.Round(-min / s, MidpointRounding.ToEven), 0, element.Max);
        return (s, zero);
    }
}
