namespace AccelSim.Units;

/// <summary>A silicon area in square micrometres, the unit the cost tables are written in.</summary>
public readonly record struct Area(double SquareMicrometres)
{
    private static readonly Dictionary<string, double> Units = new()
    {
        ["um2"] = 1, ["µm2"] = 1, ["µm²"] = 1, ["mm2"] = 1e6, ["mm²"] = 1e6,
    };

    private static readonly (string, double)[] Ladder = [("µm²", 1), ("mm²", 1e6)];

    public double SquareMillimetres => SquareMicrometres / 1e6;

    public static Area operator +(Area a, Area b) => new(a.SquareMicrometres + b.SquareMicrometres);

    public static Area operator *(Area a, double factor) => new(a.SquareMicrometres * factor);

    /// <summary>Parses "282 um2", "0.119 mm2" (also µm², mm²).</summary>
    public static bool TryParse(string text, out Area area, out string error)
    {
        bool ok = QuantityText.TryParseReal(text, "an area", Units, out double um2, out error);
        area = new Area(um2);
        return ok;
    }

    public static Area Parse(string text) =>
        TryParse(text, out Area area, out string error) ? area : throw new FormatException(error);

    public override string ToString() => QuantityText.Format(SquareMicrometres, Ladder);
}
