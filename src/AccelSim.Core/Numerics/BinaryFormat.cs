namespace AccelSim.Numerics;

/// <summary>
/// One bit standing for -1 (code 0) or +1 (code 1), as in binarized networks. Zero has no code: it encodes to +1
/// (sign(0) = +1, the BinaryConnect convention). Stochastic rounding picks +1 with probability (x+1)/2 clipped to
/// [0, 1] (Courbariaux et al., BinaryConnect, 2015), so the expectation equals x inside [-1, 1].
/// </summary>
public sealed class BinaryFormat : IElementFormat
{
    public string Name => "binary";

    public int Bits => 1;

    public double MaxFinite => 1;

    public double MinFinite => -1;

    public double MinPositive => 1;

    public double MinNormal => 1;

    public bool HasNaN => false;

    public bool HasInfinity => false;

    public bool IsInteger => true;

    public bool IsCode(uint code) => code <= 1;

    public double Decode(uint code) => code == 0 ? -1 : 1;

    public uint Encode(double value, Rounding rounding = default)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("binary has no NaN: cannot encode NaN.", nameof(value));
        }

        if (rounding.Mode == RoundingMode.Stochastic)
        {
            double probabilityOfOne = Math.Clamp((value + 1) / 2, 0, 1);
            return rounding.ToInteger(probabilityOfOne) >= 1 ? 1u : 0u;
        }

        return value >= 0 ? 1u : 0u;
    }

    public override string ToString() => Name;
}
