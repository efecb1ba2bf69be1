namespace AccelSim.Units;

/// <summary>A power in watts: static (leakage) power of a design, or a density when paired with an <see cref="Area"/>.</summary>
public readonly record struct Power(double Watts)
{
    private static readonly Dictionary<string, double> Units = new()
    {
        ["W"] = 1, ["mW"] = 1e-3, ["uW"] = 1e-6, ["µW"] = 1e-6, ["nW"] = 1e-9,
    };

    private static readonly (string, double)[] Ladder = [("nW", 1e-9), ("µW", 1e-6), ("mW", 1e-3), ("W", 1)];

    public static Power operator +(Power a, Power b) => new(a.Watts + b.Watts);

    public static Power operator *(Power a, double factor) => new(a.Watts * factor);

    /// <summary>The energy this power dissipates over <paramref name="span"/>.</summary>
    public Energy Over(SimTime span) => Energy.FromJoules(Watts * span.Seconds);

    public static bool TryParse(string text, out Power power, out string error)
    {
        bool ok = QuantityText.TryParseReal(text, "a power", Units, out double watts, out error);
        power = new Power(watts);
        return ok;
    }

    public override string ToString() => QuantityText.Format(Watts, Ladder);
}
