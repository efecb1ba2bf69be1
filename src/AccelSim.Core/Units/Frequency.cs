namespace AccelSim.Units;

/// <summary>A clock frequency in whole hertz; converts between cycles of this clock and <see cref="SimTime"/>.</summary>
public readonly record struct Frequency(long Hertz)
{
    private static readonly Dictionary<string, decimal> Units = new()
    {
        ["Hz"] = 1, ["kHz"] = 1_000, ["MHz"] = 1_000_000, ["GHz"] = 1_000_000_000,
    };

    private static readonly (string, double)[] Ladder = [("Hz", 1), ("kHz", 1e3), ("MHz", 1e6), ("GHz", 1e9)];

    public static Frequency FromMegahertz(long megahertz) => new(checked(megahertz * 1_000_000));

    /// <summary>The time <paramref name="cycles"/> cycles take, rounded up to a whole picosecond (a cycle is never shortened).</summary>
    public SimTime TimeOf(long cycles) => cycles is >= 0 and <= Bandwidth.Small && Hertz <= Bandwidth.Fast
        ? new(((cycles * 1_000_000_000_000) + Hertz - 1) / Hertz) // the same ceiling in 64 bits, the common case
        : new(checked((long)CeilDiv((Int128)cycles * 1_000_000_000_000, Hertz)));


    /// <summary>How many cycles of this clock a span covers, counting a partial last cycle as whole.</summary>
    public long CyclesIn(SimTime span) => checked((long)CeilDiv((Int128)span.Picoseconds * Hertz, 1_000_000_000_000));

    public static bool TryParse(string text, out Frequency frequency, out string error)
    {
        bool ok = QuantityText.TryParse(text, "a frequency", Units, out long hz, out error);
        if (ok && hz == 0)
        {
            ok = false;
            error = $"'{text}' is zero: a clock must tick";
        }

        frequency = new Frequency(hz);
        return ok;
    }

    public static Frequency Parse(string text) =>
        TryParse(text, out Frequency frequency, out string error) ? frequency : throw new FormatException(error);

    public override string ToString() => QuantityText.Format(Hertz, Ladder);

    private static Int128 CeilDiv(Int128 a, Int128 b) => (a + b - 1) / b;
}
