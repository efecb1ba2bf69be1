namespace AccelSim.Accelerator;

/// <summary>
/// What a functional check found: <see cref="Status"/> (exact, mismatch or skipped), a detail for the report, and
/// the quantization error of the array's result against the FP64 product of the unquantized operands, kept as
/// sums so a run's SQNR can pool every checked block: Σ reference² and Σ (reference − result)²; and how many of the
/// array's integer partial sums overflowed and wrapped (as its declared rule says, so the result can still be exact
/// against the reference that wraps alike, yet far from the true product).
/// </summary>
public sealed record FunctionalOutcome(string Status, string Detail, double Signal, double Noise, long Outputs, long Overflows = 0)
{
    public static FunctionalOutcome Skipped(string why) => new("skipped", why, 0, 0, 0);

    /// <summary>10·log10(signal / noise) in dB; +∞ when the result is exact, null when nothing was checked.</summary>
    public double? SqnrDb => Outputs == 0 ? null : Sqnr(Signal, Noise);

    public static double Sqnr(double signal, double noise) => noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);

    public void Deconstruct(out string status, out string detail)
    {
        status = Status;
        detail = Detail;
    }
}
