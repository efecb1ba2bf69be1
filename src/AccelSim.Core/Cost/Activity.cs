namespace AccelSim.Cost;

/// <summary>
/// One countable thing a model does: a multiply of two types, an add of one, a register bit written, a bit read from
/// a named buffer, a bit moved over a named memory technology or link. Counts of per-bit activities are in bits.
/// </summary>
public readonly record struct Activity(ActivityKind Kind, ArithmeticType A, ArithmeticType B, string Target)
{
    public static Activity Multiply(ArithmeticType a, ArithmeticType b) => new(ActivityKind.Multiply, a, b, "");

    public static Activity Add(ArithmeticType type) => new(ActivityKind.Add, type, default, "");

    public static Activity Shift(ArithmeticType type) => new(ActivityKind.Shift, type, default, "");

    public static Activity RegisterWrite { get; } = new(ActivityKind.RegisterWrite, default, default, "");

    public static Activity RegisterRead { get; } = new(ActivityKind.RegisterRead, default, default, "");

    /// <summary>One bit passing one 2:1 multiplexer: a lookup in a table of E entries is E − 1 of them per bit (LUT-based PEs).</summary>
    public static Activity Select { get; } = new(ActivityKind.Select, default, default, "");

    public static Activity SramRead(string buffer) => new(ActivityKind.SramRead, default, default, buffer);

    public static Activity SramWrite(string buffer) => new(ActivityKind.SramWrite, default, default, buffer);

    public static Activity DramRead(string technology) => new(ActivityKind.DramRead, default, default, technology);

    public static Activity DramWrite(string technology) => new(ActivityKind.DramWrite, default, default, technology);

    public static Activity DramActivate(string technology) => new(ActivityKind.DramActivate, default, default, technology);

    /// <summary>Bits a column access delivers from a bank's row buffer to its PIM unit, the unit's MACs included.</summary>
    public static Activity PimAccess(string technology) => new(ActivityKind.PimAccess, default, default, technology);

    public static Activity LinkTransfer(string link) => new(ActivityKind.LinkTransfer, default, default, link);

    /// <summary>One bit read from host memory of the given technology (offloaded weights), priced as that memory's read.</summary>
    public static Activity HostRead(string technology) => new(ActivityKind.HostRead, default, default, technology);

    /// <summary>One bit written to host memory (an expert read up from a storage tier), priced as that memory's write.</summary>
    public static Activity HostWrite(string technology) => new(ActivityKind.HostWrite, default, default, technology);

    /// <summary>The energy report line this activity belongs to.</summary>
    public string Component => Kind switch
    {
        ActivityKind.Multiply or ActivityKind.Add or ActivityKind.Shift or ActivityKind.Select => EnergyComponents.Compute,
        ActivityKind.RegisterWrite or ActivityKind.RegisterRead => EnergyComponents.Register,
        ActivityKind.SramRead or ActivityKind.SramWrite => EnergyComponents.Sram(Target),
        ActivityKind.DramRead or ActivityKind.DramWrite or ActivityKind.DramActivate => EnergyComponents.Dram,
        ActivityKind.PimAccess => EnergyComponents.Pim,
        ActivityKind.HostRead or ActivityKind.HostWrite => EnergyComponents.Host,
        _ => EnergyComponents.Link,
    };

    /// <summary>How error messages and reports name it, e.g. "multiply int8×int8", "sram read [weights] (per bit)".</summary>
    public override string ToString() => Kind switch
    {
        ActivityKind.Multiply => $"multiply {A}×{B}",
        ActivityKind.Add => $"add {A}",
        ActivityKind.Shift => $"shift {A}",
        ActivityKind.RegisterWrite => "register write (per bit)",
        ActivityKind.RegisterRead => "register read (per bit)",
        ActivityKind.Select => "2:1 multiplexer (per bit)",
        ActivityKind.SramRead => $"sram read [{Target}] (per bit)",
        ActivityKind.SramWrite => $"sram write [{Target}] (per bit)",
        ActivityKind.DramRead => $"dram read {Target} (per bit)",
        ActivityKind.DramWrite => $"dram write {Target} (per bit)",
        ActivityKind.DramActivate => $"dram row activation {Target}",
        ActivityKind.PimAccess => $"pim access {Target} (per bit)",
        ActivityKind.HostRead => $"host memory read {Target} (per bit)",
        ActivityKind.HostWrite => $"host memory write {Target} (per bit)",
        _ => $"link transfer {Target} (per bit)",
    };
}
