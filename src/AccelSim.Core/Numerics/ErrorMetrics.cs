namespace AccelSim.Numerics;

/// <summary>
/// How far an approximate result is from a reference: largest absolute error, mean relative error over the
/// reference's non-zero elements, and signal-to-quantization-noise ratio 10·log10(Σref² / Σ(ref − approx)²) in dB
/// (+∞ when the two agree exactly).
/// </summary>
public readonly record struct ErrorMetrics(double MaxAbsError, double MeanRelativeError, double SqnrDb, int Count)
{
    public static ErrorMetrics Compare(ReadOnlySpan<double> reference, ReadOnlySpan<double> approximate)
    {
        if (reference.Length != approximate.Length)
        {
            throw new ArgumentException($"Lengths differ: {reference.Length} reference values, {approximate.Length} approximate.");
        }

        double maxAbs = 0;
        double relativeSum = 0;
        int relativeCount = 0;
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double error = approximate[i] - reference[i];
            maxAbs = Math.Max(maxAbs, Math.Abs(error));
            if (reference[i] != 0)
            {
                relativeSum += Math.Abs(error / reference[i]);
                relativeCount++;
            }

            signal += reference[i] * reference[i];
            noise += error * error;
        }

        double sqnr = noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
        return new ErrorMetrics(maxAbs, relativeCount == 0 ? 0 : relativeSum / relativeCount, sqnr, reference.Length);
    }
}
