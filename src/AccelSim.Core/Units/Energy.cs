namespace AccelSim.Units;

/// <summary>An amount of energy in picojoules, the unit the cost tables are written in.</summary>
public readonly record struct Energy(double Picojoules) : IComparable<Energy>
{
    private static readonly Dictionary<string, double> Units = new()
    {
        ["pJ"] = 1, ["fJ"] = 1e-3, ["aJ"] = 1e-6, ["nJ"] = 1e3, ["uJ"] = 1e6, ["µJ"] = 1e6, ["mJ"] = 1e9, ["J"] = 1e12,
    };

    private static readonly (string, double)[] Ladder = [("fJ", 1e-3), ("pJ", 1), ("nJ", 1e3), ("µJ", 1e6), ("mJ", 1e9), ("J", 1e12)];

    public static Energy Zero => default;

    public double Nanojoules => Picojoules / 1e3;

    public double Microjoules => Picojoules / 1e6;

    public double Joules => Picojoules / 1e12;

    public static Energy FromJoules(double joules) => new(joules * 1e12);

    public static Energy operator +(Energy a, Energy b) => new(a.Picojoules + b.Picojoules);

    public static Energy operator -(Energy a, Energy b) => new(a.Picojoules - b.Picojoules);

    public static Energy operator *(Energy a, double factor) => new(a.Picojoules * factor);

    public static double operator /(Energy a, Energy b) => a.Picojoules / b.Picojoules;

    public static bool operator <(Energy a, Energy b) => a.Picojoules < b.Picojoules;

    public static bool operator >(Energy a, Energy b) => a.Picojoules > b.Picojoules;

    public static bool operator <=(Energy a, Energy b) => a.Picojoules <= b.Picojoules;

    public static bool operator >=(Energy a, Energy b) => a.Picojoules >= b.Picojoules;

    public int CompareTo(Energy other) => Picojoules.CompareTo(other.Picojoules);

    /// <summary>Parses "0.2 pJ", "3.1 fJ", "1.5 nJ".</summary>
    public static bool TryParse(string text, out Energy energy, out string error)
    {
        bool ok = QuantityText.TryParseReal(text, "an energy", Units, out double pj, out error);
        energy = new Energy(pj);
        return ok;
    }

    public static Energy Parse(string text) =>
        TryParse(text, out Energy energy, out string error) ? energy : throw new FormatException(error);

    public override string ToString() => QuantityText.Format(Picojoules, Ladder);
}
