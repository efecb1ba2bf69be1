namespace AccelSim.Numerics;

/// <summary>
/// An element format given by its list of integer values: code i stands for the i-th smallest. BitMoD's datatypes
/// (FP3/FP4 with one extra special value) are codebooks of this kind, written in BitMoD's unified integer form
/// (FP4 E2M1 magnitudes doubled: 0, 1, 2, 3, 4, 6, 8, 12) so that a bit-serial PE can process them as integers.
/// </summary>
public sealed class CodebookFormat : IElementFormat
{
    private readonly int[] values;

    public CodebookFormat(string name, int bits, IReadOnlyList<int> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        if (values.Count == 0 || values.Count > 1 << bits)
        {
            throw new ArgumentException($"A {bits}-bit codebook holds 1 to {1 << bits} values, not {values.Count}.", nameof(values));
        }

        for (int i = 1; i < values.Count; i++)
        {
            if (values[i] <= values[i - 1])
            {
                throw new ArgumentException("Codebook values must be distinct and ascending.", nameof(values));
            }
        }

        Name = name;
        Bits = bits;
        this.values = [.. values];
    }

    public string Name { get; }

    public int Bits { get; }

    public IReadOnlyList<int> Values => values;

    public double MaxFinite => values[^1];

    public double MinFinite => values[0];

    public double MinPositive => values.Where(v => v > 0).DefaultIfEmpty(1).Min();

    public double MinNormal => MinPositive;

    public bool HasNaN => false;

    public bool HasInfinity => false;

    public bool IsInteger => true;

    public bool IsCode(uint code) => code < values.Length;

    public double Decode(uint code) => ToInteger(code);

    public int ToInteger(uint code) => code < values.Length
        ? values[code]
        : throw new ArgumentOutOfRangeException(nameof(code), $"{Name} has no code {code}.");

    /// <summary>
    /// The nearest value; a tie goes to the smaller magnitude. Toward zero takes the largest magnitude not above the
    /// input's on the same side of zero; stochastic picks between the two neighbours in proportion to proximity.
    /// Beyond the ends, values saturate.
    /// </summary>
    public uint Encode(double value, Rounding rounding = default)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException($"{Name} has no NaN: cannot encode NaN.", nameof(value));
        }

        if (value <= values[0])
        {
            return 0;
        }

        if (value >= values[^1])
        {
            return (uint)(values.Length - 1);
        }

        int above = Array.FindIndex(values, v => v >= value);
        if (values[above] == value)
        {
            return (uint)above;
        }

        int below = above - 1;
        double lower = values[below], upper = values[above];
        int chosen = rounding.Mode switch
        {
            RoundingMode.TowardZero => value > 0 ? below : above,
            RoundingMode.Stochastic => rounding.ToInteger((value - lower) / (upper - lower)) == 0 ? below : above,
            _ => (value - lower).CompareTo(upper - value) switch
            {
                < 0 => below,
                > 0 => above,
                _ => Math.Abs(lower) <= Math.Abs(upper) ? below : above,
            },
        };
        return (uint)chosen;
    }

    public override string ToString() => Name;
}
