namespace AccelSim.Units;

/// <summary>A point or span of simulated time in whole picoseconds: integer time keeps event order exact and reproducible.</summary>
public readonly record struct SimTime(long Picoseconds) : IComparable<SimTime>
{
    private static readonly Dictionary<string, decimal> Units = new()
    {
        ["ps"] = 1, ["ns"] = 1_000, ["us"] = 1_000_000, ["µs"] = 1_000_000, ["ms"] = 1_000_000_000, ["s"] = 1_000_000_000_000,
    };

    private static readonly (string, double)[] Ladder = [("ps", 1), ("ns", 1e3), ("us", 1e6), ("ms", 1e9), ("s", 1e12)];

    public static SimTime Zero => default;

    /// <summary>What checked time and size arithmetic throwing <see cref="OverflowException"/> means, for the error that reports it.</summary>
    public const string Overflow = "the simulated time or a byte count passes what 64 bits hold (2^63 ps is 106 days)";

    public double Nanoseconds => Picoseconds / 1e3;

    public double Seconds => Picoseconds / 1e12;

    public static SimTime Max(SimTime a, SimTime b) => a.Picoseconds >= b.Picoseconds ? a : b;

    public static SimTime operator +(SimTime a, SimTime b) => new(checked(a.Picoseconds + b.Picoseconds));

    public static SimTime operator -(SimTime a, SimTime b) => new(checked(a.Picoseconds - b.Picoseconds));

    public static bool operator <(SimTime a, SimTime b) => a.Picoseconds < b.Picoseconds;

    public static bool operator >(SimTime a, SimTime b) => a.Picoseconds > b.Picoseconds;

    public static bool operator <=(SimTime a, SimTime b) => a.Picoseconds <= b.Picoseconds;

    public static bool operator >=(SimTime a, SimTime b) => a.Picoseconds >= b.Picoseconds;

    public int CompareTo(SimTime other) => Picoseconds.CompareTo(other.Picoseconds);

    public static bool TryParse(string text, out SimTime time, out string error)
    {
        bool ok = QuantityText.TryParse(text, "a time", Units, out long ps, out error);
        time = new SimTime(ps);
        return ok;
    }

    public static SimTime Parse(string text) =>
        TryParse(text, out SimTime time, out string error) ? time : throw new FormatException(error);

    public override string ToString() => QuantityText.Format(Picoseconds, Ladder);
}
