using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.ShiftAdd;

/// <summary>
/// MixPE's shift-add PE array (Zhang et al., arXiv 2411.16158): a b-bit weight selects shifted copies of an integer
/// activation that an adder tree sums (no multiplier); each PE keeps an integer partial sum per quantization group,
/// and a dequantizer per column scales each finished group sum once (instead of every product) and adds it into an
/// FP32 output. Zero points are corrected once per group as zero point × the group's activation sum.
/// Timed output-stationary: a fold streams K (one weight per PE per cycle) while each column's dequantizer handles
/// its fold's rows' group sums, rows·⌈K/group⌉ of them, so a fold takes the longer of the two plus R + C − 2.
/// </summary>
public sealed class ShiftAddPe(ShiftAddPeConfig config) : IPeModel
{
    public const int PartialSumBits = 32;

    public string Kind => ShiftAddPeKind.Name;

    public string Name => config.Name;

    public Frequency Clock => config.Clock;

    public string Description => $"{config.Rows}×{config.Columns} shift-add array, integer partial sums dequantized per group";

    public long PeakMacsPerCycle => (long)config.Rows * config.Columns;

    public int AccumulatorBits => PartialSumBits;

    /// <summary>K in whole groups, so no group's partial sum is split between tiles.</summary>
    public TileGranule Granule => new(config.Rows, config.Columns, WeightFormats.Select(GroupOf).DefaultIfEmpty(1).Max());

    public IReadOnlyList<NumericFormat> ActivationFormats => config.ActivationFormats;

    public IReadOnlyList<NumericFormat> WeightFormats => config.WeightFormats;

    public string? CannotRun(NumericFormat activation, NumericFormat weight) => PeFormats.NotListed(this, activation, weight);

    public TileCost Evaluate(in GemmTile tile)
    {
        long rowFolds = CeilDiv(tile.M, config.Rows);
        long columnFolds = CeilDiv(tile.N, config.Columns);
        long folds = rowFolds * columnFolds;
        long groups = CeilDiv(tile.K, GroupOf(tile.Weight));
        long cycles = columnFolds * (GroupDequantizer.RowFoldStreams(tile.M, config.Rows, tile.K, groups) + (rowFolds * (config.Rows + config.Columns - 2)));
        OperandTraffic traffic = OperandTraffic.OutputStationary(tile, rowFolds, columnFolds, PartialSumBits);
        return new TileCost(cycles, cycles - (folds * tile.K), folds, tile.Macs, traffic, Activities(tile, groups));
    }

    /// <summary>
    /// Per MAC: b − 1 adds of the shifted activations (an adder tree over the weight's bit planes), one INT32
    /// accumulate, and the PE's registers. Per output and group: the dequantizer's int-to-float shift, FP32 multiply
    /// by the two scales and FP32 add; with zero points also a zero point × activation-sum multiply and add, and
    /// one add per activation for the group's activation sum.
    /// </summary>
    private static ActivityCounts Activities(in GemmTile tile, long groups)
    {
        int a = tile.Activation.Element.Bits, b = tile.Weight.Element.Bits;
        long macs = tile.Macs;
        var counts = new ActivityCounts();
        counts.Add(Activity.Add(ArithmeticType.Int(a + b)), macs * (b - 1));
        counts.Add(Activity.Add(ArithmeticType.Int(PartialSumBits)), macs);
        counts.Add(Activity.RegisterWrite, macs * (a + b + PartialSumBits));
        GroupDequantizer.CountActivities(counts, tile.M, tile.N, tile.K, groups, a, b, tile.Weight is GroupAffineFormat { IsSymmetric: false }, PartialSumBits);

        return counts;
    }

    public IReadOnlyList<AreaItem> Inventory
    {
        get
        {
            long pes = (long)config.Rows * config.Columns;
            int a = ActivationFormats.Max(f => f.Element.Bits), b = WeightFormats.Max(f => f.Element.Bits);
            return
            [
                new(Name, Activity.Add(ArithmeticType.Int(a + b)), pes * Math.Max(1, b - 1)),
                new(Name, Activity.Add(ArithmeticType.Int(PartialSumBits)), pes),
                new(Name, Activity.RegisterWrite, pes * (a + b + PartialSumBits)),
                .. GroupDequantizer.Parts(Name, config.Columns, PartialSumBits),
            ];
        }
    }

    public NumericContract Numerics(NumericFormat activation, NumericFormat weight) => new(Accumulator.Int32GroupsFp32, 0);

    public GemmResult Execute(QuantizedTensor a, QuantizedTensor w)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        int m = a.Vectors, n = w.Vectors, k = a.Length, bits = w.Element.Bits, group = w.BlockLength;
        bool signed = w.Element.MinFinite < 0;
        var c = new double[m * n];
        long overflows = 0;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float output = 0;
                for (int start = 0; start < k; start += group)
                {
                    int end = Math.Min(k, start + group);
                    int partial = 0, activationSum = 0;
                    for (int x = start; x < end; x++)
                    {
                        int activation = (int)a.ElementValue(i, x);
                        uint code = w.Code(j, x);
                        // Each set bit of the weight code adds the activation shifted by the bit's position; in a
                        // two's complement code the top bit's weight is negative.
                        long sum = partial;
                        for (int p = 0; p < bits; p++)
                        {
                            if ((code >> p & 1) != 0)
                            {
                                sum += signed && p == bits - 1 ? -((long)activation << p) : (long)activation << p;
                            }
                        }

                        overflows += sum is > int.MaxValue or < int.MinValue ? 1 : 0;
                        partial = unchecked((int)sum);
                        activationSum += activation;
                    }

                    if (w.HasZeroPoints)
                    {
                        partial -= w.ZeroPoints[w.BlockIndex(j, start)] * activationSum;
                    }

                    output += GroupDequantizer.ToFp32(partial, a.Scale(i, start), w.Scale(j, start));
                }

                c[(i * n) + j] = output;
            }
        }

        return new GemmResult(m, n, c, Accumulator.Int32GroupsFp32, overflows);
    }

    private static int GroupOf(NumericFormat format) => format.BlockSize ?? 1;

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
