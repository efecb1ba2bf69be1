namespace AccelSim.Units;

/// <summary>A data rate in whole bits per second; gives the time a transfer of a <see cref="ByteSize"/> occupies a link.</summary>
public readonly record struct Bandwidth(long BitsPerSecond)
{
    private static readonly Dictionary<string, decimal> Units = new()
    {
        ["bit/s"] = 1, ["b/s"] = 1, ["Gbit/s"] = 1_000_000_000m,
        ["B/s"] = 8, ["kB/s"] = 8_000m, ["KB/s"] = 8_000m, ["MB/s"] = 8_000_000m, ["GB/s"] = 8_000_000_000m, ["TB/s"] = 8_000_000_000_000m,
        ["KiB/s"] = 8m * 1024, ["MiB/s"] = 8m * 1024 * 1024, ["GiB/s"] = 8m * 1024 * 1024 * 1024,
    };

    private static readonly (string, double)[] Ladder = [("B/s", 8), ("KB/s", 8e3), ("MB/s", 8e6), ("GB/s", 8e9), ("TB/s", 8e12)];

    /// <summary>A rate of <paramref name="bytesPerCycle"/> bytes every cycle of <paramref name="clock"/>.</summary>
    public static Bandwidth PerCycle(decimal bytesPerCycle, Frequency clock) => new(checked((long)(bytesPerCycle * 8 * clock.Hertz)));

    /// <summary>
    /// How long moving <paramref name="size"/> takes at this rate, rounded up to a whole picosecond; a time past 2^63 ps
    /// (106 days) throws <see cref="OverflowException"/> rather than wrap round to a wrong one.
    /// </summary>
    public SimTime TimeFor(ByteSize size) =>
        size.Bits is >= 0 and <= Small && BitsPerSecond <= Fast
            ? new(((size.Bits * 1_000_000_000_000) + BitsPerSecond - 1) / BitsPerSecond) // the same ceiling in 64 bits, the common case
            : size.Bits >= 0 && BitsPerSecond > 0
                ? new(checked((long)((Wide(size.Bits) + (ulong)(BitsPerSecond - 1)) / (ulong)BitsPerSecond))) // large transfers: one 64×64 multiply
                : new(checked((long)(((Int128)size.Bits * 1_000_000_000_000 + BitsPerSecond - 1) / BitsPerSecond)));

    /// <summary>Bits times 10^12 as 128 bits: a single widening multiply, where a checked Int128 product takes many.</summary>
    private static UInt128 Wide(long bits) => new(Math.BigMul((ulong)bits, 1_000_000_000_000UL, out ulong low), low);

    /// <summary>Bits (or cycles) times 10^12 plus a rate (or clock) up to <see cref="Fast"/> stay inside 64 bits: 8e18 + 1e18 &lt; 2^63.</summary>
    internal const long Small = 8_000_000, Fast = 1_000_000_000_000_000_000;

    /// <summary>The rate at which <paramref name="size"/> moves in <paramref name="time"/> (rounded down to a bit per second).</summary>
    public static Bandwidth Of(ByteSize size, SimTime time) =>
        new(checked((long)((Int128)size.Bits * 1_000_000_000_000 / Math.Max(1, time.Picoseconds))));

    public static Bandwidth operator /(Bandwidth a, long divisor) => new(a.BitsPerSecond / divisor);

    public static bool TryParse(string text, out Bandwidth bandwidth, out string error)
    {
        bool ok = QuantityText.TryParse(text, "a bandwidth", Units, out long bps, out error);
        if (ok && bps == 0)
        {
            ok = false;
            error = $"'{text}' is zero: nothing could ever move";
        }

        bandwidth = new Bandwidth(bps);
        return ok;
    }

    public static Bandwidth Parse(string text) =>
        TryParse(text, out Bandwidth bandwidth, out string error) ? bandwidth : throw new FormatException(error);

    public override string ToString() => QuantityText.Format(BitsPerSecond, Ladder);
}
