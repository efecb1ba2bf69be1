namespace AccelSim.Numerics;

/// <summary>A rounding mode plus, for stochastic rounding, the seeded source of its random draws.</summary>
public readonly struct Rounding : IEquatable<Rounding>
{
    private readonly StochasticSource? source;

    private Rounding(RoundingMode mode, StochasticSource? source)
    {
        Mode = mode;
        this.source = source;
    }

    public RoundingMode Mode { get; }

    public static Rounding NearestEven => default;

    public static Rounding TowardZero => new(RoundingMode.TowardZero, null);

    public static Rounding Stochastic(StochasticSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Rounding(RoundingMode.Stochastic, source);
    }

    /// <summary>Rounds a double to an integer-valued double under this mode. Exact: no intermediate rounding.</summary>
    public double ToInteger(double value)
    {
        switch (Mode)
        {
            case RoundingMode.NearestEven:
                return Math.Round(value, MidpointRounding.ToEven);
            case RoundingMode.TowardZero:
                return Math.Truncate(value);
            default:
                double floor = Math.Floor(value);
                double fraction = value - floor;
                if (fraction == 0)
                {
                    return floor;
                }

                return source!.NextUniform() < fraction ? floor + 1 : floor;
        }
    }

    public bool Equals(Rounding other) => Mode == other.Mode && ReferenceEquals(source, other.source);

    public override bool Equals(object? obj) => obj is Rounding other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Mode, source);

    public static bool operator ==(Rounding left, Rounding right) => left.Equals(right);

    public static bool operator !=(Rounding left, Rounding right) => !left.Equals(right);

    public override string ToString() => Mode switch
    {
        RoundingMode.NearestEven => "nearest-even",
        RoundingMode.TowardZero => "toward-zero",
        _ => $"stochastic(seed {source!.Seed})",
    };
}
