using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Hardware.BitSerial;
using AccelSim.Hardware.ShiftAdd;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Tests.Hardware;

/// <summary>The GEMV mapping that gives an output-stationary group-dequantizing array's idle rows shares of K.</summary>
public class GroupSplitGemvTests
{
    private static readonly NumericFormat Int8 = NumericFormats.Parse("int8");
    private static readonly NumericFormat Int4G32 = NumericFormats.Parse("int4-g32");

    private static ShiftAddPe ShiftAdd(int rows, int columns, bool split) => new(
        new ShiftAddPeConfig("mix", 1, Frequency.Parse("1 GHz"), [Int8], [Int4G32], rows, columns, split));

    [Fact]
    public void OnlyWithGemvSplit_IsThereASecondMapping()
    {
        Assert.Single(ShiftAdd(16, 8, split: false).Mappings);
        Assert.Equal(["output-stationary", "output-stationary, K over rows"], ShiftAdd(16, 8, split: true).Mappings.Select(m => m.SpatialMapping));
        var bitSerial = new BitSerialPe(new BitSerialPeConfig("bs", 1, Frequency.Parse("1 GHz"), [Int8], [Int4G32], 16, 8, 4, 2, GemvSplit: true));
        Assert.Equal(2, bitSerial.Mappings.Count);
    }

    [Fact]
    public void AGemv_SplitsKInWholeGroups_OverTheIdleRows()
    {
        // 16 rows, M = 1, K = 512 in 16 groups of 32: 16 shares of one group each. Hand count (SCALE-Sim's OS fold):
        // unsplit, a fold streams K = 512 (one group sum per cycle through the dequantizer hides behind it) + R + C − 2;
        // split, it streams 32 and the column dequantizer takes the 16 rows' group sums, max(32, 16·1) = 32, + R + C − 2.
        IPeModel split = ShiftAdd(16, 8, split: true).Mappings[1];
        var gemv = new GemmTile(1, 8, 512, Int8, Int4G32);
        TileCost whole = ShiftAdd(16, 8, split: false).Evaluate(gemv), shared = split.Evaluate(gemv);
        Assert.Equal(512 + 16 + 8 - 2, whole.Cycles);
        Assert.Equal(32 + 16 + 8 - 2, shared.Cycles);

        // The same MACs, each weight read once, one output per column, and the same dequantizer work.
        Assert.Equal(whole.Macs, shared.Macs);
        Assert.Equal(whole.Traffic, shared.Traffic);
        Activity fp32Multiply = Activity.Multiply(ArithmeticType.Fp32, ArithmeticType.Fp32);
        Assert.Equal(whole.Activities[fp32Multiply], shared.Activities[fp32Multiply]);
        Assert.Equal(8L * 16, shared.Activities[fp32Multiply]);
    }

    [Theory]
    [InlineData(4, 512, 4)] // 16 rows over M = 4: 4 shares
    [InlineData(1, 96, 3)] // 3 groups: at most 3 shares
    [InlineData(3, 320, 5)] // 10 groups, at most 5 shares for M = 3: 5 divides 10
    [InlineData(16, 512, 1)] // no idle row
    public void Shares_AreTheLargestDivisorOfTheGroupsThatFitsTheRows(int m, int k, int shares)
    {
        IPeModel split = ShiftAdd(16, 8, split: true).Mappings[1];
        TileCost expected = ShiftAdd(16, 8, split: false).Evaluate(new GemmTile(m * shares, 8, k / shares, Int8, Int4G32));
        Assert.Equal(expected.Cycles, split.Evaluate(new GemmTile(m, 8, k, Int8, Int4G32)).Cycles);
    }

    [Fact]
    public void APerChannelWeight_IsNotSplit()
    {
        NumericFormat perChannel = NumericFormats.Parse("int4");
        var pe = new BitSerialPe(new BitSerialPeConfig("bs", 1, Frequency.Parse("1 GHz"), [Int8], [perChannel], 16, 8, 4, 2, GemvSplit: true));
        var gemv = new GemmTile(1, 8, 512, Int8, perChannel);
        TileCost whole = pe.Evaluate(gemv), split = pe.Mappings[1].Evaluate(gemv);
        Assert.Equal((whole.Cycles, whole.Traffic), (split.Cycles, split.Traffic));
    }
}

public class GroupSplitGemvRunTests
{
    [Fact]
    public void MixPe_WithGemvSplit_RunsAGemvFaster_BitExact_AndNoFasterThanItsRoof()
    {
        string design = Path.Combine(AppContext.BaseDirectory, "arch-configs", "mixpe-w4a8.yaml");
        string dir = AccelSim.Tests.Cli.CliRunner.TempDirectory();
        string workload = AccelSim.Tests.Cli.CliRunner.Write(dir, "w.yaml",
            "kind: gemm\nactivation_format: int8\nweight_format: int4-g128\nops:\n  - {name: gemv, m: 1, n: 1024, k: 2048}\n");
        AccelSim.Accelerator.RunResult Run(bool split)
        {
            var diagnostics = new AccelSim.Config.Yaml.Diagnostics();
            AccelSim.Config.ArchitectureConfig arch = AccelSim.Config.ArchitectureLoader.Load(design, [$"compute[mix].gemv_split={(split ? "true" : "false")}"], diagnostics)!;
            AccelSim.Workloads.Workload work = AccelSim.Config.WorkloadLoader.Load(workload, [], diagnostics)!;
            AccelSim.Accelerator.Simulation? simulation = AccelSim.Accelerator.Simulation.Create(arch, work, new AccelSim.Accelerator.RunOptions(AccelSim.Accelerator.FunctionalMode.Full), diagnostics);
            Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
            return simulation!.Run();
        }

        AccelSim.Accelerator.OpResult plain = Run(split: false).Ops[0], split = Run(split: true).Ops[0];
        Assert.Equal("output-stationary, K over rows", split.Mapping!.Array.SpatialMapping);
        Assert.True(split.TotalCycles * 2 < plain.TotalCycles, $"{split.TotalCycles} vs {plain.TotalCycles} cycles");
        Assert.True(split.TotalCycles >= split.Roof!.Value.Cycles, $"{split.TotalCycles} below its roof {split.Roof}");
        Assert.Equal("exact", split.FunctionalCheck);
        Assert.Equal(plain.DramRead, split.DramRead);
    }
}
