using AccelSim.Config;
using AccelSim.Cost;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AccelSim.Tests.Cost;

/// <summary>Properties every table must have: narrower is never dearer, nothing is negative, energy adds up.</summary>
public class CostPropertiesTests
{
    private static readonly int[] Nodes = [65, 45, 28, 16, 7];

    private static readonly CostModel[] Models = [.. Nodes.Select(n => new CostModel(TechTableLoader.BuiltInTable(n), [new SramGeometry("b", 1 << 20, 1, 64)]))];

    private static double Pj(CostModel model, Activity activity) => model.Price(activity, out string why)?.Picojoules ?? throw new InvalidOperationException(why);

    private static double Um2(CostModel model, Activity part) => model.Price(new AreaItem("x", part, 1), out _)!.Area.SquareMicrometres;

    [Property]
    public Property NarrowerIntegerOperand_NeverCostsMore() =>
        Prop.ForAll(Gen.Choose(1, 32).ToArbitrary(), Gen.Choose(1, 32).ToArbitrary(), Gen.Choose(1, 32).ToArbitrary(), (a, more, b) =>
        {
            ArithmeticType narrow = ArithmeticType.Int(a), wide = ArithmeticType.Int(Math.Min(64, a + more)), other = ArithmeticType.Int(b);
            return Models.All(m =>
                Pj(m, Activity.Multiply(narrow, other)) <= Pj(m, Activity.Multiply(wide, other))
                && Um2(m, Activity.Multiply(narrow, other)) <= Um2(m, Activity.Multiply(wide, other))
                && Pj(m, Activity.Add(narrow)) <= Pj(m, Activity.Add(wide))
                && Pj(m, Activity.Shift(narrow)) <= Pj(m, Activity.Shift(wide)));
        });

    [Property]
    public Property NarrowerFloat_NeverCostsMore() =>
        Prop.ForAll(Gen.Choose(1, 8).ToArbitrary(), Gen.Choose(0, 23).ToArbitrary(), Gen.Choose(0, 35).ToArbitrary(), (e, m, more) =>
        {
            ArithmeticType narrow = ArithmeticType.Float(e, m), wide = ArithmeticType.Float(e + (more % 4), m + (more / 4));
            return Models.All(model =>
                Pj(model, Activity.Multiply(narrow, narrow)) <= Pj(model, Activity.Multiply(wide, wide))
                && Um2(model, Activity.Multiply(narrow, narrow)) <= Um2(model, Activity.Multiply(wide, wide))
                && Pj(model, Activity.Add(narrow)) <= Pj(model, Activity.Add(wide))
                && Um2(model, Activity.Add(narrow)) <= Um2(model, Activity.Add(wide)));
        });

    [Property]
    public Property EnergyAndArea_AreNeverNegative() =>
        Prop.ForAll(Gen.Choose(1, 64).ToArbitrary(), Gen.Choose(1, 64).ToArbitrary(), Gen.Choose(10, 40).ToArbitrary(), (a, b, log2Bits) =>
        {
            var sram = new SramGeometry("s", 1L << log2Bits, 1, a);
            return Models.All(m =>
            {
                var model = new CostModel(m.Table, [sram]);
                return Pj(model, Activity.Multiply(ArithmeticType.Int(a), ArithmeticType.Int(b))) >= 0
                    && Pj(model, Activity.Add(ArithmeticType.Float(Math.Min(a, 11), b))) >= 0
                    && Pj(model, Activity.SramRead("s")) > 0 && Pj(model, Activity.SramWrite("s")) > 0
                    && Um2(model, Activity.SramRead("s")) > 0 && Um2(model, Activity.Multiply(ArithmeticType.Int(a), ArithmeticType.Int(b))) >= 0
                    && model.Price(new AreaItem("x", Activity.SramRead("s"), 1), out _)!.Leakage.Watts > 0;
            });
        });

    [Property]
    public Property Energy_IsAdditiveOverCounts() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (x, y, z) =>
        {
            CostModel model = Models[2];
            ActivityCounts a = Counts(x, y, z), b = Counts(z, x, y), both = Counts(x, y, z);
            both.Add(b);
            double separate = model.Energy(a).Total.Picojoules + model.Energy(b).Total.Picojoules;
            double together = model.Energy(both).Total.Picojoules;
            return Math.Abs(separate - together) <= 1e-9 * Math.Max(1, together);
        });

    private static ActivityCounts Counts(long macs, long bits, long registers)
    {
        var counts = new ActivityCounts();
        counts.Add(Activity.Multiply(ArithmeticType.Int(8), ArithmeticType.Int(4)), macs);
        counts.Add(Activity.Add(ArithmeticType.Int(32)), macs);
        counts.Add(Activity.SramRead("b"), bits);
        counts.Add(Activity.DramRead("hbm2"), bits);
        counts.Add(Activity.RegisterWrite, registers);
        return counts;
    }

    [Fact]
    public void NegativeCount_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityCounts().Add(Activity.RegisterWrite, -1));
}
