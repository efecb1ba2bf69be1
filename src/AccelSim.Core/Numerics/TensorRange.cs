namespace AccelSim.Numerics;

/// <summary>
/// What a per-tensor scale is chosen from: the largest magnitude (NaN if any value is NaN or infinite), the least and
/// greatest value with zero included, and the sum of magnitudes over a count, summed in order. Gathered a piece at a
/// time it is the same as over the whole at once, so a tensor too large to hold can be quantized in pieces
/// (<see cref="NumericFormat.QuantizePart"/>).
/// </summary>
public readonly record struct TensorRange(double AbsMax, double Min, double Max, double AbsSum, long Count)
{
    public static TensorRange Of(ReadOnlySpan<double> values) => default(TensorRange).Including(values);

    /// <summary>This range extended by the values that follow it.</summary>
    public TensorRange Including(ReadOnlySpan<double> values)
    {
        double absMax = Math.Max(AbsMax, NumericFormat.FiniteAbsMax(values));
        if (double.IsNaN(absMax))
        {
            return this with { AbsMax = double.NaN, Count = Count + values.Length };
        }

        double min = Min, max = Max, sum = AbsSum;
        foreach (double value in values)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
            sum += Math.Abs(value);
        }

        return new TensorRange(absMax, min, max, sum, Count + values.Length);
    }

    public double MeanAbs => AbsSum / Count;
}
