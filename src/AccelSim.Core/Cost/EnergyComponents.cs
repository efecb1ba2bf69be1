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

    public static string Sram(string buffer) => $"sram.{buffer}";

    /// <summary>Report order: compute, register, each SRAM buffer by name, DRAM, PIM, link, leakage.</summary>
    public static int Rank(string component) => component switch
    {
        Compute => 0,
        Register => 1,
        Dram => 3,
        Pim => 4,
        Link => 5,
        Leakage => 6,
        _ => 2,
    };
}
