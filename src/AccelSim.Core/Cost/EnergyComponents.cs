namespace AccelSim.Cost;

/// <summary>The names of the energy report's lines, in the order reports list them.</summary>
public static class EnergyComponents
{
    public const string Compute = "compute";
    public const string Register = "register";
    public const string Dram = "dram";
    public const string Pim = "pim";
    public const string Link = "link";
    public const string Host = "host memory";
    public const string Leakage = "leakage";
    public const string DramBackground = "dram background";

    public static string Sram(string buffer) => $"sram.{buffer}";

    /// <summary>Energy spent by the passing of time rather than by activity: the chip's leakage and the DRAM's standby and refresh.</summary>
    public static bool IsStatic(string component) => component is Leakage or DramBackground;

    /// <summary>Report order: compute, register, each SRAM buffer by name, DRAM, PIM, link, leakage, DRAM background.</summary>
    public static int Rank(string component) => component switch
    {
        Compute => 0,
        Register => 1,
        Dram => 3,
        Pim => 4,
        Link => 5,
        Leakage => 6,
        DramBackground => 7,
        _ => 2,
    };
}
