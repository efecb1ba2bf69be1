using System.Runtime.Intrinsics;

namespace AccelSim.Numerics;

/// <summary>
/// How a tensor is stored: an element format plus the scaling around it (none, one scale per tensor, or one per
/// block of consecutive elements along the reduction axis). Named in YAML and on the command line.
/// </summary>
public abstract class NumericFormat
{
    public abstract string Name { get; }

    public abstract IElementFormat Element { get; }

    /// <summary>Elements sharing a scale along a vector; null when the scale covers a whole vector or tensor, or there is none.</summary>
    public abstract int? BlockSize { get; }

    /// <summary>Storage per element with block scales amortized over their block; per-tensor and per-channel scales excluded.</summary>
    public abstract double BitsPerElement { get; }

    /// <summary>One line on how values are scaled, for the formats table.</summary>
    public abstract string Scaling { get; }

    /// <summary>Exact storage of a tensor of <paramref name="vectors"/> × <paramref name="length"/> elements, scales included, in bits.</summary>
    public abstract long StorageBits(int vectors, int length);

    /// <summary>Bits stored once for a whole tensor (a per-tensor scale), which a tile of it does not repeat.</summary>
    public virtual int TensorScaleBits => 0;

    /// <summary>
    /// A tile's footprint in a buffer or a transfer: its elements and block or channel scales. A per-tensor scale is
    /// one register beside the array, loaded once, not part of every tile.
    /// </summary>
    public long TileBits(int vectors, int length) => StorageBits(vectors, length) - TensorScaleBits;

    /// <summary>
    /// Quantizes <paramref name="values"/>, laid out vector-major (<paramref name="vectors"/> contiguous runs of
    /// <paramref name="length"/> elements along the reduction axis).
    /// </summary>
    public QuantizedTensor Quantize(ReadOnlySpan<double> values, int vectors, int length, Rounding rounding = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vectors, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (values.Length != (long)vectors * length)
        {
            throw new ArgumentException($"Expected {vectors}×{length} = {(long)vectors * length} values, got {values.Length}.", nameof(values));
        }

        return QuantizeChecked(values, vectors, length, rounding, NeedsWholeTensor ? TensorRange.Of(values) : default);
    }

    /// <summary>
    /// Quantizes <paramref name="vectors"/> whole vectors of a larger tensor whose range is <paramref name="whole"/>:
    /// the codes and scales they get when the whole tensor is quantized at once.
    /// </summary>
    public QuantizedTensor QuantizePart(ReadOnlySpan<double> values, int vectors, int length, TensorRange whole, Rounding rounding = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vectors, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (values.Length != (long)vectors * length)
        {
            throw new ArgumentException($"Expected {vectors}×{length} = {(long)vectors * length} values, got {values.Length}.", nameof(values));
        }

        return QuantizeChecked(values, vectors, length, rounding, whole);
    }

    /// <summary>Whether a scale covers the whole tensor, so that a vector's codes depend on the others (its range).</summary>
    public virtual bool NeedsWholeTensor => false;

    /// <summary>Quantizes single-precision values (each converted exactly to double first).</summary>
    public QuantizedTensor Quantize(ReadOnlySpan<float> values, int vectors, int length, Rounding rounding = default)
    {
        var widened = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            widened[i] = values[i];
        }

        return Quantize(widened, vectors, length, rounding);
    }

    /// <param name="whole">The whole tensor's range where <see cref="NeedsWholeTensor"/>, else default.</param>
    protected abstract QuantizedTensor QuantizeChecked(ReadOnlySpan<double> values, int vectors, int length, Rounding rounding, TensorRange whole);

    public override string ToString() => Name;

    /// <summary>Largest magnitude in a span, or NaN when it holds a NaN or an infinity.</summary>
    protected internal static double FiniteAbsMax(ReadOnlySpan<double> values)
    {
        // Four lanes at a time: v − v is 0 for a finite v and NaN otherwise, so one NaN test at the end finds any;
        // the largest of finite magnitudes does not depend on the order they are compared in.
        var largest = Vector256<double>.Zero;
        var finite = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            var v = Vector256.Create(values.Slice(i, 4));
            finite += v - v;
            largest = Vector256.Max(largest, Vector256.Abs(v));
        }

        double max = 0;
        for (int lane = 0; lane < 4; lane++)
        {
            if (double.IsNaN(finite[lane]))
            {
                return double.NaN;
            }

            max = Math.Max(max, largest[lane]);
        }

        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return double.NaN;
            }

            max = Math.Max(max, Math.Abs(values[i]));
        }

        return max;
    }

    protected static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
