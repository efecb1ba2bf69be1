using AccelSim.Memory.BankTimed;
using AccelSim.Memory.Pim;
using AccelSim.Numerics;
using AccelSim.Units;
using Xunit;

namespace AccelSim.Tests.Memory;

public class PimChannelTests
{
    private static PimChannel Channel(params string[] overrides) =>
        BankTimedDramTests.Preset("hbm2-neupims-pim", overrides).PimChannel!;

    public static TheoryData<string, int, int, int> Gemvs => new()
    {
        // QKᵀ of one head (outputs: context tokens, length: head dim), several outputs per DRAM row.
        { "fp16", 1, 300, 128 },
        { "bf16", 1, 77, 128 },
        { "int8", 1, 300, 128 },
        { "int4", 1, 300, 128 },
        // PV with V transposed (outputs: head dim, length: context tokens), outputs spanning several rows.
        { "fp16", 1, 128, 1500 },
        { "int8", 1, 128, 2049 },
        { "int4", 1, 40, 4100 },
        // GQA: several query vectors over one KV head.
        { "fp16", 4, 65, 100 },
    };

    [Theory]
    [MemberData(nameof(Gemvs))]
    public void Execute_MatchesTheReferenceBitForBit(string format, int vectors, int outputs, int length)
    {
        foreach (PimChannel channel in new[] { Channel(), Channel("pim.placement=per-bank-pair"), Channel("pim.lanes=8") })
        {
            QuantizedTensor input = NumericFormats.Parse("fp16").Quantize(SyntheticTensor.Generate(Distribution.Gaussian, vectors, length, 3), vectors, length);
            QuantizedTensor matrix = NumericFormats.Parse(format).Quantize(SyntheticTensor.Generate(Distribution.Laplace, outputs, length, 4), outputs, length);
            GemmResult got = channel.Execute(input, matrix);
            GemmResult want = ReferenceGemm.Compute(input, matrix, Accumulator.ExactChunksFp32, channel.Spec.ElementsPerAccess(matrix.Format));
            Assert.Equal(want.Values.Select(BitConverter.DoubleToInt64Bits), got.Values.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Execute_RoundsEachAccessToFp32_NotOnlyTheResult()
    {
        // 2²⁴ in the first access, then 1 in each of the next two: the FP32 latch rounds 2²⁴ + 1 back to 2²⁴ after each
        // access, so both ones are lost, while the exact dot product is 2²⁴ + 2.
        int length = 48;
        var x = new double[length];
        var w = new double[length];
        x[0] = 4096; w[0] = 4096;
        x[16] = 1; w[16] = 1;
        x[32] = 1; w[32] = 1;
        QuantizedTensor input = NumericFormats.Parse("fp16").Quantize(x, 1, length);
        QuantizedTensor matrix = NumericFormats.Parse("fp16").Quantize(w, 1, length);
        Assert.Equal(16_777_216.0, Channel().Execute(input, matrix).Values[0]);
        Assert.Equal(16_777_218.0, ReferenceGemm.Compute(input, matrix).Values[0]);
    }

    [Fact]
    public void Evaluate_OneRowStep_MatchesTheHandCount()
    {
        // 128 keys of 128 FP16 over 32 banks: 4 keys per bank, 8 accesses each, one 32-access row step.
        // GWRITE 8 × (tCCD_S + tCCD_L) = 24 ns; grouped ACT tFAW·(8/2 − 1) + tRCD = 104 ns; 32 COMPs × 2 ns = 64 ns;
        // 128 FP32 results in 8 reads of 64 B, 2 ns apart = 16 ns; precharge tRP = 14 ns.
        PimGemvCost cost = Channel().Evaluate(new PimGemv(1, 128, 128, NumericFormats.Parse("fp16"), NumericFormats.Parse("fp16")));
        Assert.Equal(new SimTime(1000 * (24 + 104 + 64 + 16 + 14)), cost.Time);
        Assert.Equal(1, cost.RowSteps);
        Assert.Equal(32, cost.Activations);
        Assert.Equal(32, cost.Comps);
        Assert.Equal(8, cost.ResultReads);
        Assert.Equal(128L * 128 * 16, cost.InternalBits);
        Assert.Equal(128L * 128, cost.Macs);
    }

    [Fact]
    public void Evaluate_Int4Matrix_NeedsAQuarterOfTheAccesses()
    {
        // 64 INT4 elements per 256-bit access: 2 accesses per key, 8 per bank, padded to the 6-COMP pipeline fill
        // and held open for tRAS − tRCD = 20 ns at least: 24 + 104 + max(8·2 + 16, 20) + 14 = 174 ns.
        PimGemvCost cost = Channel().Evaluate(new PimGemv(1, 128, 128, NumericFormats.Parse("fp16"), NumericFormats.Parse("int4")));
        Assert.Equal(new SimTime(1000 * (174)), cost.Time);
        Assert.Equal(8, cost.Comps);
    }

    [Fact]
    public void Evaluate_LongGemv_ApproachesThePeakAsTheRowOverheadAllows()
    {
        PimChannel channel = Channel();
        NumericFormat fp16 = NumericFormats.Parse("fp16");
        Assert.Equal(256e9, channel.PeakMacsPerSecond(fp16), tolerance: 1.0);
        PimGemvCost cost = channel.Evaluate(new PimGemv(1, 4096, 128, fp16, fp16));
        double achieved = cost.Macs / cost.Time.Seconds / channel.PeakMacsPerSecond(fp16);
        // Each 64 ns of COMPs per row step pays 104 ns of grouped activation, 16 ns of result reads and 14 ns of
        // precharge: about a third of the peak, which is why NeuPIMs reports PIM utilization of 17-26 %.
        Assert.InRange(achieved, 0.30, 0.34);
    }

    [Fact]
    public void Evaluate_BankPairs_TakeTwiceTheComps()
    {
        NumericFormat fp16 = NumericFormats.Parse("fp16");
        var gemv = new PimGemv(1, 4096, 128, fp16, fp16);
        PimGemvCost perBank = Channel().Evaluate(gemv), perPair = Channel("pim.placement=per-bank-pair").Evaluate(gemv);
        Assert.Equal(2 * perBank.Comps, perPair.Comps);
        Assert.True(perPair.Time > perBank.Time);
        Assert.Equal(perBank.InternalBits, perPair.InternalBits);
    }

    [Fact]
    public void Evaluate_SlowerUnitClock_StretchesEachComp()
    {
        Assert.Equal(new SimTime(1000 * (2)), Channel().CompTime);
        Assert.Equal(new SimTime(3334), Channel("pim.clock=300 MHz").CompTime);
    }
}
