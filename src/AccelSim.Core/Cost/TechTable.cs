using AccelSim.Units;

namespace AccelSim.Cost;

/// <summary>
/// The prices of one process node: rules for datapath parts (by width, product of widths, or exponent and mantissa
/// widths), registers, 2:1 multiplexers (lookup tables), SRAM, leakage per area, and per-bit energies of memory technologies and links. A rule the
/// table lacks is null, and a design that needs it fails to load (see <see cref="CostModel"/>).
/// </summary>
public sealed record TechTable(
    string Name,
    string Source,
    int NodeNm,
    double Vdd,
    DatapathRule? IntAdd,
    DatapathRule? IntMultiply,
    DatapathRule? FpAdd,
    DatapathRule? FpMultiply,
    DatapathRule? Shift,
    Energy? RegisterPerBit,
    Area? RegisterAreaPerBit,
    Energy? MuxPerBit,
    Area? MuxAreaPerBit,
    SramRule? Sram,
    double? LogicLeakageWattsPerMm2,
    double? SramLeakageWattsPerMm2,
    IReadOnlyDictionary<string, DramRule> Memories,
    IReadOnlyDictionary<string, Energy> Links)
{
    /// <summary>
    /// SRAM leakage of each cell flavour a design may choose (<c>sram_cells:</c>), as a multiple of
    /// <see cref="SramLeakageWattsPerMm2"/>, which is high-performance cells' (<c>hp</c>), with and without power gating.
    /// </summary>
    public IReadOnlyDictionary<string, SramCells> SramCellLeakage { get; init; } = new Dictionary<string, SramCells> { ["hp"] = new(1, 1) };

    /// <summary>A table that prices nothing yet: the start of a table file without a base.</summary>
    public static TechTable Empty(string name, string source, int nodeNm, double vdd) => new(
        name, source, nodeNm, vdd, null, null, null, null, null, null, null, null, null, null, null, null,
        new Dictionary<string, DramRule>(), new Dictionary<string, Energy>());

    /// <summary>
    /// This table moved to another node and voltage by Stillmaker-Baas: logic, registers and SRAM scale in energy
    /// and area; leakage power of a part scales as its energy does (as Accelergy scales it), so leakage per mm²
    /// scales by energy ÷ area. Off-chip memory and link energies are interface figures and do not scale.
    /// </summary>
    public TechTable ScaledTo(string name, string source, int nodeNm, double vdd)
    {
        double e = NodeScaling.EnergyFactor(NodeNm, Vdd, nodeNm, vdd);
        double a = NodeScaling.AreaFactor(NodeNm, nodeNm);
        return this with
        {
            Name = name,
            Source = source,
            NodeNm = nodeNm,
            Vdd = vdd,
            IntAdd = IntAdd?.Scaled(e, a),
            IntMultiply = IntMultiply?.Scaled(e, a),
            FpAdd = FpAdd?.Scaled(e, a),
            FpMultiply = FpMultiply?.Scaled(e, a),
            Shift = Shift?.Scaled(e, a),
            RegisterPerBit = RegisterPerBit * e,
            RegisterAreaPerBit = RegisterAreaPerBit * a,
            MuxPerBit = MuxPerBit * e,
            MuxAreaPerBit = MuxAreaPerBit * a,
            Sram = Sram?.Scaled(e, a),
            LogicLeakageWattsPerMm2 = LogicLeakageWattsPerMm2 * e / a,
            SramLeakageWattsPerMm2 = SramLeakageWattsPerMm2 * e / a,
        };
    }

    /// <summary>Size measure of a multiplier: product of the operand widths for integers; for floats (ma+1)(mb+1) plus the wider exponent.</summary>
    public static double MultiplierSize(ArithmeticType a, ArithmeticType b) => a.IsFloat || b.IsFloat
        ? ((double)a.SignificandBits * b.SignificandBits) + Math.Max(a.ExponentBits, b.ExponentBits)
        : (double)a.Width * b.Width;

    /// <summary>Size measure of an adder or shifter: its width (for a float, exponent + mantissa + 1).</summary>
    public static double AdderSize(ArithmeticType type) => type.Width;
}
