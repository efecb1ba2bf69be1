using AccelSim.Config;
using AccelSim.Cost;

namespace AccelSim.Tests.Cost;

/// <summary>
/// The built-in tables against the figures they cite, typed here from the sources: Horowitz (ISSCC 2014) at 45 nm,
/// the same figures scaled by Stillmaker-Baas at 0.9 V as tabulated in the project's reference notes, and CACTI.
/// </summary>
public class TechTableTests
{
    private static ArithmeticType T(string name) => ArithmeticType.TryParse(name, out ArithmeticType t) ? t : throw new ArgumentException(name);

    private static CostModel Model(int node, params SramGeometry[] buffers) => new(TechTableLoader.BuiltInTable(node), buffers);

    private static double Pj(CostModel model, Activity activity) => model.Price(activity, out string why)?.Picojoules ?? throw new InvalidOperationException(why);

    private static double Um2(CostModel model, Activity part) => model.Price(new AreaItem("x", part, 1), out string why)?.Area.SquareMicrometres ?? throw new InvalidOperationException(why);

    [Theory]
    [InlineData("int8", "int8", 0.2, 282)]
    [InlineData("int32", "int32", 3.1, 3495)]
    [InlineData("e5m10", "e5m10", 1.1, 1640)]
    [InlineData("e8m23", "e8m23", 3.7, 7700)]
    public void Multiply_At45nm_IsHorowitz(string a, string b, double pj, double um2)
    {
        CostModel model = Model(45);
        Assert.Equal(pj, Pj(model, Activity.Multiply(T(a), T(b))), 9);
        Assert.Equal(um2, Um2(model, Activity.Multiply(T(a), T(b))), 6);
    }

    [Theory]
    [InlineData("int8", 0.03, 36)]
    [InlineData("int16", 0.05, 67)]
    [InlineData("int32", 0.1, 137)]
    [InlineData("e5m10", 0.4, 1360)]
    [InlineData("e8m23", 0.9, 4184)]
    public void Add_At45nm_IsHorowitz(string type, double pj, double um2)
    {
        CostModel model = Model(45);
        Assert.Equal(pj, Pj(model, Activity.Add(T(type))), 9);
        Assert.Equal(um2, Um2(model, Activity.Add(T(type))), 6);
    }

    [Theory]
    [InlineData(8, 10)]
    [InlineData(32, 20)]
    [InlineData(1024, 100)]
    public void SramRead64Bits_At45nm_IsHorowitz(int kib, double pj)
    {
        CostModel model = Model(45, new SramGeometry("b", kib * 1024L * 8, 1, 64));
        Assert.Equal(pj, 64 * Pj(model, Activity.SramRead("b")), 9);
    }

    [Fact]
    public void MuxBit_At45nm_Is12Of28TransistorsOfAnAdderBit()
    {
        // Weste & Harris: a static 2:1 mux has 12 transistors, a mirror full adder 28; Horowitz's 8-bit add is 0.03 pJ.
        CostModel model = Model(45);
        double adderBit = Pj(model, Activity.Add(ArithmeticType.Int(8))) / 8;
        Assert.Equal(adderBit * 12 / 28, Pj(model, Activity.Select), 0.00001);
        // An 8-entry lookup of 10-bit entries (7 × 10 mux bits) is far below a 32-bit register-file read (1 pJ).
        Assert.True(70 * Pj(model, Activity.Select) < 0.2);
    }

    [Fact]
    public void Macs_At45nm_MatchTheDerivedFigures()
    {
        CostModel model = Model(45);
        // INT8×INT8 with a 32-bit accumulator 0.30 pJ; FP16 multiply with FP32 accumulate 2.0 pJ.
        Assert.Equal(0.30, Pj(model, Activity.Multiply(T("int8"), T("int8"))) + Pj(model, Activity.Add(T("int32"))), 9);
        Assert.Equal(2.0, Pj(model, Activity.Multiply(T("e5m10"), T("e5m10"))) + Pj(model, Activity.Add(T("e8m23"))), 9);
    }

    /// <summary>
    /// A streamed read (column, I/O and an activation's share of its row) against the all-in figure each
    /// technology's I/O share is taken from (Accelergy's 3.9 for HBM2, Horowitz's 20 for DDR3), or checked against
    /// for LPDDR4, whose I/O comes from its datasheet's VDDQ current (8.54 against Accelergy's 8).
    /// </summary>
    [Theory]
    [InlineData("hbm2", 3.9, 0.001)]
    [InlineData("ddr3", 20, 0.001)]
    [InlineData("lpddr4", 8, 0.07)]
    public void StreamedRead_MatchesTheCitedAllInFigure_AndIsTheSameAtEveryNode(string technology, double pj, double tolerance)
    {
        foreach (int node in new[] { 65, 45, 28, 16, 7 })
        {
            double read = Pj(Model(node), Activity.DramRead(technology));
            Assert.InRange(read, pj * (1 - tolerance), pj * (1 + tolerance));
        }
    }

    /// <summary>The HBM2 entry against the IDD arithmetic, redone here from DRAMsim3's HBM2_8Gb_x128 currents.</summary>
    [Fact]
    public void Hbm2_ColumnActivationAndBackground_AreTheIddArithmetic()
    {
        const double vdd = 1.2, idd0 = 0.065, idd2n = 0.040, idd3n = 0.055, idd4r = 0.390, idd4w = 0.500, idd5 = 0.250;
        const double channelBitsPerSecond = 128 * 2e9, tRC = 48e-9, tRAS = 34e-9, tRP = 14e-9, tRFC = 260e-9, tREFI = 3900e-9;
        DramRule rule = Model(45).Table.Memories["hbm2"];
        Assert.Equal((idd4r - idd3n) * vdd / channelBitsPerSecond * 1e12, rule.ReadPerBit.Picojoules, 2);
        Assert.Equal((idd4w - idd3n) * vdd / channelBitsPerSecond * 1e12, rule.WritePerBit.Picojoules, 2);
        Assert.Equal(((idd0 * tRC) - (idd3n * tRAS) - (idd2n * tRP)) * vdd * 1e12, rule.Activation!.Value.Picojoules, 0);
        Assert.Equal((idd3n * vdd) + ((idd5 - idd3n) * vdd * tRFC / tREFI), rule.Background!.Value.Watts, 4);
        Assert.Equal(8192, rule.Row!.Value.Bits);
        Assert.Equal(128, rule.ChannelBits);
    }

    /// <summary>Horowitz's 45 nm figures scaled with Stillmaker-Baas at 0.9 V, as tabulated to three figures in the reference notes.</summary>
    [Theory]
    [InlineData(28, "add", "int8", 0.0152, 13.6)]
    [InlineData(28, "multiply", "int8", 0.101, 106)]
    [InlineData(28, "multiply", "e8m23", 1.88, 2903)]
    [InlineData(28, "add", "e5m10", 0.203, 513)]
    [InlineData(16, "multiply", "int8", 0.0374, 53.6)]
    [InlineData(16, "multiply", "e5m10", 0.206, 312)]
    [InlineData(16, "add", "int32", 0.0187, 26)]
    [InlineData(7, "add", "int8", 0.0031, 2.1)]
    [InlineData(7, "multiply", "int32", 0.316, 206)]
    [InlineData(7, "multiply", "e8m23", 0.377, 454)]
    public void ScaledNodes_MatchTheTabulatedScaling(int node, string op, string type, double pj, double um2)
    {
        CostModel model = Model(node);
        Activity activity = op == "add" ? Activity.Add(T(type)) : Activity.Multiply(T(type), T(type));
        Assert.InRange(Pj(model, activity), pj * 0.98, pj * 1.02);
        Assert.InRange(Um2(model, activity), um2 * 0.98, um2 * 1.02);
    }

    /// <summary>CACTI (mixpe_simulator sweep, itrs-hp): 8 KB and 4 KB banks with 512-bit ports at 28 nm; 4 KB at 45 nm.</summary>
    [Theory]
    [InlineData(28, 8, 0.0556, 0.001)]
    [InlineData(28, 4, 0.0461, 0.001)]
    [InlineData(45, 4, 0.119, 0.05)]
    public void SramArea_MatchesCacti(int node, int kib, double mm2, double relative)
    {
        CostModel model = Model(node, new SramGeometry("b", kib * 1024L * 8, 1, 512));
        double area = Um2(model, Activity.SramRead("b")) / 1e6;
        Assert.InRange(area, mm2 * (1 - relative), mm2 * (1 + relative));
    }

    [Fact]
    public void EveryBuiltInNode_Loads() =>
        Assert.Equal(["7 nm", "16 nm", "28 nm", "45 nm", "65 nm"], TechTableLoader.BuiltIn);
}
