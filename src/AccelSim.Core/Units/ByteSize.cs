namespace AccelSim.Units;

/// <summary>An amount of data in whole bits, so an INT4 weight (half a byte) and an MX scale are counted exactly.</summary>
public readonly record struct ByteSize(long Bits) : IComparable<ByteSize>
{
    private static readonly Dictionary<string, decimal> Units = new()
    {
        ["bit"] = 1, ["b"] = 1, ["B"] = 8,
        ["kB"] = 8_000m, ["KB"] = 8_000m, ["MB"] = 8_000_000m, ["GB"] = 8_000_000_000m, ["TB"] = 8_000_000_000_000m,
        ["KiB"] = 8m * 1024, ["MiB"] = 8m * 1024 * 1024, ["GiB"] = 8m * 1024 * 1024 * 1024, ["TiB"] = 8m * 1024 * 1024 * 1024 * 1024,
    };

    private static readonly (string, double)[] Ladder =
        [("bit", 1), ("B", 8), ("KiB", 8.0 * 1024), ("MiB", 8.0 * 1024 * 1024), ("GiB", 8.0 * 1024 * 1024 * 1024)];

    public static ByteSize FromBytes(long bytes) => new(checked(bytes * 8));

    /// <summary>Whole bytes, rounding a partial byte up (a transfer moves whole bytes).</summary>
    public long Bytes => (Bits + 7) / 8;

    public double ExactBytes => Bits / 8.0;

    public static ByteSize operator +(ByteSize a, ByteSize b) => new(checked(a.Bits + b.Bits));

    public static ByteSize operator -(ByteSize a, ByteSize b) => new(checked(a.Bits - b.Bits));

    public static ByteSize operator *(ByteSize a, long factor) => new(checked(a.Bits * factor));

    public static ByteSize operator /(ByteSize a, long divisor) => new(a.Bits / divisor);

    public static bool operator <(ByteSize a, ByteSize b) => a.Bits < b.Bits;

    public static bool operator >(ByteSize a, ByteSize b) => a.Bits > b.Bits;

    public static bool operator <=(ByteSize a, ByteSize b) => a.Bits <= b.Bits;

    public static bool operator >=(ByteSize a, ByteSize b) => a.Bits >= b.Bits;

    public int CompareTo(ByteSize other) => Bits.CompareTo(other.Bits);

    public static bool TryParse(string text, out ByteSize size, out string error)
    {
        bool ok = QuantityText.TryParse(text, "a size", Units, out long bits, out error);
        size = new ByteSize(bits);
        return ok;
    }

    public static ByteSize Parse(string text) =>
        TryParse(text, out ByteSize size, out string error) ? size : throw new FormatException(error);

    public override string ToString() => QuantityText.Format(Bits, Ladder);
}
