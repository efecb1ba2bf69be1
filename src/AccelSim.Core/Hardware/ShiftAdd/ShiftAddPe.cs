using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.ShiftAdd;

/// <summary>
/// MixPE's shift-add PE array (Zhang et al., arXiv 2411.16158): a b-bit weight selects shifted copies of an integer
/// activation that an adder tree sums (no multiplier); each PE keeps an integer partial sum per quantization group
/// (FP16 and FP8 activations are held in fixed point, <see cref="ActivationFixedPoint"/>, so that sum is exact),
/// and a dequantizer per column scales each finished group sum once (instead of every product) and adds it into an
/// FP32 output. Zero points are corrected once per group as zero point × the group's activation sum.
/// Timed output-stationary: a fold streams K (one weight per PE per cycle) while each column's dequantizer handles
/// its fold's rows' group sums, rows·⌈K/group⌉ of them, so a fold takes the longer of the two plus R + C − 2.
/// </summary>
public sealed class ShiftAddPe(ShiftAddPeConfig config) : IPeModel
{
    public string Kind => ShiftAddPeKind.Name;

    public string Name => config.Name;

    public Frequency Clock => config.Clock;

    public string Description => $"{config.Rows}×{config.Columns} shift-add array, integer partial sums dequantized per group";

    public long PeakMacsPerCycle => (long)config.Rows * config.Columns;

    /// <summary>The widest partial sum the listed formats need (32 bits for integer activations).</summary>
    public int AccumulatorBits => ActivationFixedPoint.WidestPartialSum(ActivationFormats, WeightFormats);

    /// <summary>K in whole groups, so no group's partial sum is split between tiles.</summary>
    public TileGranule Granule => new(config.Rows, config.Columns, WeightFormats.Select(GroupOf).DefaultIfEmpty(1).Max());

    /// <summary>With <c>gemv_split</c>, also the mapping that gives idle rows shares of K.</summary>
    public IReadOnlyList<IPeModel> Mappings => config.GemvSplit ? [this, new GroupSplitGemv(this, config.Rows)] : [this];

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
        OperandTraffic traffic = OperandTraffic.OutputStationary(tile, rowFolds, columnFolds, GroupDequantizer.OutputBits);
        return new TileCost(cycles, cycles - (folds * tile.K), folds, tile.Macs, traffic, Activities(tile, groups), config.Rows - 1, config.Columns - 1,
            columnFolds * GroupDequantizer.RowFoldStreams(tile.M, config.Rows, 0, groups));
    }

    /// <summary>
    /// Per MAC: b − 1 adds of the shifted activation significands (an adder tree over the weight's bit planes), for
    /// float activations a shift that aligns the result by the activation's exponent, one accumulate into the
    /// partial sum, and the PE's registers. Per output and group: the dequantizer's int-to-float shift, FP32 multiply
    /// by the two scales and FP32 add; with zero points also a zero point × activation-sum multiply and add, and
    /// one add per activation for the group's activation sum.
    /// </summary>
    private static ActivityCounts Activities(in GemmTile tile, long groups)
    {
        ActivationFixedPoint fixedPoint = ActivationFixedPoint.Of(tile.Activation);
        int a = fixedPoint.SignificandBits, b = tile.Weight.Element.Bits, sum = fixedPoint.PartialSumBits(b);
        long macs = tile.Macs;
        var counts = new ActivityCounts();
        counts.Add(Activity.Add(ArithmeticType.Int(a + b)), macs * (b - 1));
        if (fixedPoint.IsFloat)
        {
            counts.Add(Activity.Shift(ArithmeticType.Int(sum)), macs);
        }

        counts.Add(Activity.Add(ArithmeticType.Int(sum)), macs);
        counts.Add(Activity.RegisterWrite, macs * (tile.Activation.Element.Bits + b + sum));
        GroupDequantizer.CountActivities(counts, tile.M, tile.N, tile.K, groups, fixedPoint.Bits, b, tile.Weight is GroupAffineFormat { IsSymmetric: false }, sum);

        return counts;
    }

    /// <summary>Sized for the widest formats listed: significand adders, an aligner when any activation is a float, the partial sum.</summary>
    public IReadOnlyList<AreaItem> Inventory
    {
        get
        {
            long pes = (long)config.Rows * config.Columns;
            ActivationFixedPoint[] fixedPoints = [.. ActivationFormats.Select(ActivationFixedPoint.Of)];
            int a = fixedPoints.Max(f => f.SignificandBits), b = WeightFormats.Max(f => f.Element.Bits);
            int sum = fixedPoints.Max(f => f.PartialSumBits(b)), registers = ActivationFormats.Max(f => f.Element.Bits) + b + sum;
            return
            [
                new(Name, Activity.Add(ArithmeticType.Int(a + b)), pes * Math.Max(1, b - 1)),
                .. fixedPoints.Any(f => f.IsFloat) ? [new AreaItem(Name, Activity.Shift(ArithmeticType.Int(sum)), pes)] : Array.Empty<AreaItem>(),
                new(Name, Activity.Add(ArithmeticType.Int(sum)), pes),
                new(Name, Activity.RegisterWrite, pes * registers),
                .. GroupDequantizer.Parts(Name, config.Columns, sum),
            ];
        }
    }

    public NumericContract Numerics(NumericFormat activation, NumericFormat weight) => new(ActivationFixedPoint.Of(activation).Accumulator, 0);

    public GemmResult Execute(QuantizedTensor a, QuantizedTensor w) => Run(a, w, stepByStep: false);

    public GemmResult ExecuteStepByStep(QuantizedTensor a, QuantizedTensor w) => Run(a, w, stepByStep: true);

    /// <summary>
    /// Each group's partial sum is built one weight bit at a time (the activation shifted by the bit's position, the
    /// top bit's weight negative in two's complement) and wrapped to the partial-sum register after every element.
    /// Where Σ|activation| · largest |weight value| of the group stays below the register's range, no prefix can wrap,
    /// and the sum of the bits' shifted activations is the activation times the code's value: then, unless asked for
    /// every step, the group is one integer dot product (the same bits, no overflow to count).
    /// </summary>
    private static GemmResult Run(QuantizedTensor a, QuantizedTensor w, bool stepByStep)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        int m = a.Vectors, n = w.Vectors, k = a.Length, bits = w.Element.Bits, group = w.BlockLength;
        ActivationFixedPoint fixedPoint = ActivationFixedPoint.Of(a.Format);
        int width = fixedPoint.PartialSumBits(bits);
        bool signed = w.Element.MinFinite < 0;
        long[] codeValues = [.. Enumerable.Range(0, 1 << bits).Select(code => signed && code >= 1 << (bits - 1) ? code - (1L << bits) : code)];
        long largest = codeValues.Max(Math.Abs);
        var activations = new long[k];
        var noWrap = new bool[(k + group - 1) / group];
        var c = new double[m * n];
        long overflows = 0;
        for (int i = 0; i < m; i++)
        {
            if (!fixedPoint.Row(a, i, activations))
            {
                c.AsSpan(i * n, n).Fill(double.NaN);
                continue;
            }

            if (!stepByStep)
            {
                ActivationFixedPoint.GroupsThatCannotWrap(activations, group, largest, width, noWrap);
            }

            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<uint> codes = w.Codes.Slice(j * k, k);
                float output = 0;
                for (int start = 0, g = 0; start < k; start += group, g++)
                {
                    int end = Math.Min(k, start + group);
                    long partial = 0, activationSum = 0;
                    if (noWrap[g])
                    {
                        for (int x = start; x < end; x++)
                        {
                            // Within the bound just checked: neither can leave 64 bits (nor the register).
                            partial = unchecked(partial + (activations[x] * codeValues[codes[x]]));
                            activationSum = unchecked(activationSum + activations[x]);
                        }
                    }
                    else
                    {
                        for (int x = start; x < end; x++)
                        {
                            long activation = activations[x];
                            uint code = codes[x];
                            long sum = partial;
                            for (int p = 0; p < bits; p++)
                            {
                                if ((code >> p & 1) != 0)
                                {
                                    sum += signed && p == bits - 1 ? -(activation << p) : activation << p;
                                }
                            }

                            partial = ActivationFixedPoint.Wrap(sum, width, ref overflows);
                            activationSum += activation;
                        }
                    }

                    if (w.HasZeroPoints)
                    {
                        partial = ActivationFixedPoint.Wrap(partial - (w.ZeroPoints[w.BlockIndex(j, start)] * activationSum), width, ref overflows);
                    }

                    output += GroupDequantizer.ToFp32(partial, fixedPoint.Scale(a, i, start), w.Scale(j, start));
                }

                c[(i * n) + j] = output;
            }
        }

        return new GemmResult(m, n, c, fixedPoint.Accumulator, overflows);
    }

    private static int GroupOf(NumericFormat format) => format.BlockSize ?? 1;

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
