using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.BitSerial;

/// <summary>
/// A bit-serial PE array in the manner of Stripes (Judd et al., MICRO 2016) and BitMoD (Chen et al., HPCA 2025),
/// with the weights as the serial operand as in BitMoD: every weight is decoded into BitMoD's unified form, sign ×
/// odd mantissa × 2^exponent, and its mantissa enters the PE <c>bits_per_cycle</c> bits at a time; each step adds
/// activation × mantissa bits, shifted, across the PE's <c>dot_width</c> lanes into an INT32 partial sum. A group's
/// sum is dequantized once per group (zero point × activation sum subtracted first) by the column's dequantizer and
/// added into an FP32 output.
/// Timed output-stationary: a weight of b bits takes ⌈b / bits_per_cycle⌉ cycles, so a fold streams
/// ⌈K / dot_width⌉ · ⌈b / bits_per_cycle⌉ cycles, or its rows' group sums through the column dequantizer if that is
/// longer, plus R + C − 2 to fill and drain.
/// </summary>
public sealed class BitSerialPe(BitSerialPeConfig config) : IPeModel
{
    public string Kind => BitSerialPeKind.Name;

    public string Name => config.Name;

    public Frequency Clock => config.Clock;

    public string Description =>
        $"{config.Rows}×{config.Columns} bit-serial array, {config.DotWidth}-wide dot products, {config.BitsPerCycle} weight bit{(config.BitsPerCycle > 1 ? "s" : "")}/cycle";

    /// <summary>At the narrowest weight the array accepts: peak MACs per cycle grow as weights get narrower.</summary>
    public long PeakMacsPerCycle => (long)config.Rows * config.Columns * config.DotWidth / StepsPerWeight(WeightFormats.Min(f => f.Element.Bits));

    public long PeakMacsPerCycleAt(NumericFormat weight) => (long)config.Rows * config.Columns * config.DotWidth / StepsPerWeight(weight.Element.Bits);

    /// <summary>The widest partial sum the listed formats need (32 bits for integer activations).</summary>
    public int AccumulatorBits => ActivationFixedPoint.WidestPartialSum(ActivationFormats, WeightFormats);

    /// <summary>K in whole groups, so no group's partial sum is split between tiles.</summary>
    public TileGranule Granule => new(config.Rows, config.Columns, WeightFormats.Select(f => f.BlockSize ?? config.DotWidth).Max());

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
        long groups = CeilDiv(tile.K, tile.Weight.BlockSize ?? tile.K);
        long serial = CeilDiv(tile.K, config.DotWidth) * StepsPerWeight(tile.Weight.Element.Bits);
        long cycles = columnFolds * (GroupDequantizer.RowFoldStreams(tile.M, config.Rows, serial, groups) + (rowFolds * (config.Rows + config.Columns - 2)));
        OperandTraffic traffic = OperandTraffic.OutputStationary(tile, rowFolds, columnFolds, GroupDequantizer.OutputBits);
        return new TileCost(cycles, cycles - (folds * serial), folds, tile.Macs, traffic, Activities(tile, groups), config.Rows - 1, config.Columns - 1,
            columnFolds * GroupDequantizer.RowFoldStreams(tile.M, config.Rows, 0, groups));
    }

    /// <summary>
    /// Per MAC and serial step: one add of activation × mantissa bits into the PE's adder tree (float activations are
    /// first aligned into fixed point, a shift per MAC, and held in a wider lane register). Per dot product and step:
    /// a shift and an accumulate into the partial-sum register. Per MAC: the operand registers. Per output and group:
    /// the dequantizer's int-to-float shift, FP32 multiply by the two scales and FP32 add; with zero points also a
    /// zero point × activation-sum multiply and add, and an add per activation for the activation sum.
    /// </summary>
    private ActivityCounts Activities(in GemmTile tile, long groups)
    {
        ActivationFixedPoint fixedPoint = ActivationFixedPoint.Of(tile.Activation);
        int a = fixedPoint.Bits, b = tile.Weight.Element.Bits, sum = fixedPoint.PartialSumBits(b);
        long steps = StepsPerWeight(b);
        long macs = tile.Macs, dots = (long)tile.M * tile.N * CeilDiv(tile.K, config.DotWidth);
        var counts = new ActivityCounts();
        counts.Add(Activity.Add(ArithmeticType.Int(a + config.BitsPerCycle)), macs * steps);
        if (fixedPoint.IsFloat)
        {
            counts.Add(Activity.Shift(ArithmeticType.Int(a)), macs);
        }

        counts.Add(Activity.Shift(ArithmeticType.Int(sum)), dots * steps);
        counts.Add(Activity.Add(ArithmeticType.Int(sum)), dots * steps);
        counts.Add(Activity.RegisterWrite, (macs * (LaneRegisterBits(tile.Activation) + b)) + (dots * steps * sum));
        GroupDequantizer.CountActivities(counts, tile.M, tile.N, tile.K, groups, a, b, tile.Weight is GroupAffineFormat { IsSymmetric: false }, sum);

        return counts;
    }

    /// <summary>Sized for the widest formats listed: lane adders over the fixed-point activation, an aligner per lane for floats.</summary>
    public IReadOnlyList<AreaItem> Inventory
    {
        get
        {
            long pes = (long)config.Rows * config.Columns;
            ActivationFixedPoint[] fixedPoints = [.. ActivationFormats.Select(ActivationFixedPoint.Of)];
            int a = fixedPoints.Max(f => f.Bits), b = WeightFormats.Max(f => f.Element.Bits), sum = fixedPoints.Max(f => f.PartialSumBits(b));
            int lane = ActivationFormats.Max(LaneRegisterBits);
            return
            [
                new(Name, Activity.Add(ArithmeticType.Int(a + config.BitsPerCycle)), pes * config.DotWidth),
                .. fixedPoints.Any(f => f.IsFloat) ? [new AreaItem(Name, Activity.Shift(ArithmeticType.Int(a)), pes * config.DotWidth)] : Array.Empty<AreaItem>(),
                new(Name, Activity.Shift(ArithmeticType.Int(sum)), pes),
                new(Name, Activity.Add(ArithmeticType.Int(sum)), pes),
                new(Name, Activity.RegisterWrite, pes * ((config.DotWidth * (lane + b)) + sum)),
                .. GroupDequantizer.Parts(Name, config.Columns, sum),
            ];
        }
    }

    /// <summary>A lane holds the activation as stored, and for a float also its aligned fixed-point copy.</summary>
    private static int LaneRegisterBits(NumericFormat activation)
    {
        ActivationFixedPoint fixedPoint = ActivationFixedPoint.Of(activation);
        return activation.Element.Bits + (fixedPoint.IsFloat ? fixedPoint.Bits : 0);
    }

    public NumericContract Numerics(NumericFormat activation, NumericFormat weight) => new(ActivationFixedPoint.Of(activation).Accumulator, 0);

    public GemmResult Execute(QuantizedTensor a, QuantizedTensor w) => Run(a, w, stepByStep: false);

    public GemmResult ExecuteStepByStep(QuantizedTensor a, QuantizedTensor w) => Run(a, w, stepByStep: true);

    /// <summary>
    /// Each cycle every lane adds its activation times the next bits of its weight's mantissa, shifted into place,
    /// and the partial sum is wrapped to its register. Where Σ|activation| · largest |weight| of a group stays below the
    /// register's range no prefix can wrap, and the cycles' sum is Σ activation × weight: then, unless asked for every
    /// step, the group is one integer dot product (the same bits, no overflow to count).
    /// </summary>
    private GemmResult Run(QuantizedTensor a, QuantizedTensor w, bool stepByStep)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        int m = a.Vectors, n = w.Vectors, k = a.Length, dot = config.DotWidth, bpc = config.BitsPerCycle;
        int budget = StepsPerWeight(w.Element.Bits), group = w.IsBlockShared ? k : w.BlockLength;
        int chunkMask = (1 << bpc) - 1;
        // The serial digits are taken apart only when some group runs step by step.
        WeightDigits digits = Decode(w, budget, serialDigits: stepByStep);
        long largest = digits.Largest;
        var noWrap = new bool[(k + group - 1) / group];
        ActivationFixedPoint fixedPoint = ActivationFixedPoint.Of(a.Format);
        int width = fixedPoint.PartialSumBits(w.Element.Bits);
        var activations = new long[k];
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

            if (noWrap.Contains(false) && digits.Mantissa.Length == 0)
            {
                digits = Decode(w, budget, serialDigits: true);
            }

            for (int j = 0; j < n; j++)
            {
                float output = 0;
                int row = j * k;
                for (int start = 0, g = 0; start < k; start += group, g++)
                {
                    int end = Math.Min(k, start + group);
                    long partial = 0, activationSum = 0;
                    if (noWrap[g])
                    {
                        for (int x = start; x < end; x++)
                        {
                            // Within the bound just checked: neither leaves 64 bits (nor the register).
                            partial = unchecked(partial + (activations[x] * digits.Value[row + x]));
                            activationSum = unchecked(activationSum + activations[x]);
                        }
                    }

                    for (int lane0 = start; lane0 < end && !noWrap[g]; lane0 += dot)
                    {
                        int lanes = Math.Min(dot, end - lane0);
                        for (int step = 0; step < budget; step++)
                        {
                            // One cycle: every lane adds activation × its weight's next mantissa bits, shifted to their place.
                            long stepSum = 0;
                            for (int lane = lane0; lane < lane0 + lanes; lane++)
                            {
                                int bits = (digits.Mantissa[row + lane] >> (step * bpc)) & chunkMask;
                                long product = activations[lane] * bits << (digits.Exponent[row + lane] + (step * bpc));
                                stepSum += digits.Negative[row + lane] ? -product : product;
                            }

                            partial = ActivationFixedPoint.Wrap(partial + stepSum, width, ref overflows);
                        }

                        for (int lane = lane0; lane < lane0 + lanes; lane++)
                        {
                            activationSum += activations[lane];
                        }
                    }

                    long corrected = w.HasZeroPoints ? partial - (w.ZeroPoints[w.BlockIndex(j, start)] * activationSum) : partial;
                    output += GroupDequantizer.ToFp32(corrected, fixedPoint.Scale(a, i, start), w.Scale(j, start));
                }

                c[(i * n) + j] = output;
            }
        }

        return new GemmResult(m, n, c, fixedPoint.Accumulator, overflows);
    }

    /// <summary>
    /// BitMoD's unified form of each weight code: sign, odd mantissa and exponent (e.g. 12 = 3·2², −128 = −1·2⁷).
    /// Codes with zero points are taken as stored (unsigned) and corrected per group. Every mantissa fits the
    /// weight's serial budget, which the timing assumes; one that did not would be a modelling error.
    /// </summary>
    private WeightDigits Decode(QuantizedTensor w, int budget, bool serialDigits)
    {
        int count = serialDigits ? w.Count : 0;
        var digits = new WeightDigits(new bool[count], new int[count], new int[count], new long[w.Count]);
        var decoded = new double[w.Length];
        long largest = 0;
        for (int v = 0; v < w.Vectors; v++)
        {
            w.CodeValuesOf(v, decoded);
            for (int x = 0; x < w.Length; x++)
            {
                long value = unchecked((long)decoded[x]); // a narrow integer code's value
                long magnitude = Math.Abs(value);
                int exponent = magnitude == 0 ? 0 : System.Numerics.BitOperations.TrailingZeroCount(magnitude);
                long mantissa = magnitude >> exponent;
                int needed = StepsPerWeight(64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)mantissa));
                if (needed > budget)
                {
                    throw new InvalidOperationException($"Weight {value} needs {needed} serial steps, more than the {budget} its {w.Element.Bits} bits are timed for.");
                }

                int index = (v * w.Length) + x;
                digits.Value[index] = value;
                largest = Math.Max(largest, magnitude);
                if (serialDigits)
                {
                    digits.Negative[index] = value < 0;
                    digits.Mantissa[index] = (int)mantissa;
                    digits.Exponent[index] = exponent;
                }
            }
        }

        return digits with { Largest = largest };
    }

    private int StepsPerWeight(int bits) => (bits + config.BitsPerCycle - 1) / config.BitsPerCycle;

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    /// <summary>Per weight its value and, for the serial steps, its sign, odd mantissa and exponent; the largest magnitude.</summary>
    private sealed record WeightDigits(bool[] Negative, int[] Mantissa, int[] Exponent, long[] Value, long Largest = 0);
}
