using System.Globalization;
using AccelSim.Units;

namespace AccelSim.Cli.Commands;

/// <summary>
/// Quantities and names for people, in the unit that keeps them short: 2.194 s rather than 2,193,559.254 µs. The terminal uses
/// these; files keep one fixed unit per quantity, named in the key.
/// </summary>
internal static class Readable
{
    public static string Time(SimTime time) => Scaled(time.Picoseconds / 1e12, [(1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")], "ps", 1e-12);

    public static string Energy(Energy energy) => Scaled(energy.Picojoules / 1e12, [(1, "J"), (1e-3, "mJ"), (1e-6, "µJ"), (1e-9, "nJ")], "pJ", 1e-12);

    public static string Power(Power power) => Scaled(power.Watts, [(1, "W"), (1e-3, "mW"), (1e-6, "µW")], "nW", 1e-9);

    /// <summary>A name cut to <paramref name="width"/> characters, so a table stays within 80 columns.</summary>
    public static string Cut(string name, int width = 22) => name.Length <= width ? name : name[..(width - 1)] + "…";

    /// <summary>The value in the largest unit it reaches, to four significant digits.</summary>
    private static string Scaled(double value, (double Size, string Name)[] units, string smallest, double smallestSize)
    {
        foreach ((double size, string name) in units)
        {
            if (Math.Abs(value) >= size)
            {
                return Format(value / size, name);
            }
        }

        return Format(value / smallestSize, smallest);
    }

    private static string Format(double v, string unit) =>
        v.ToString(Math.Abs(v) >= 100 ? "N1" : Math.Abs(v) >= 10 ? "N2" : "N3", CultureInfo.InvariantCulture) + " " + unit;
}
