using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.DequantMac;

/// <summary>
/// The mpGEMM baseline of today's GPUs and TPUs: every low-bit weight is dequantized to FP16 in the main loop
/// ((code − zero point) × scale, rounded once to FP16) and multiplied with FP16 activations, accumulating in FP32.
/// Each PE is a dot-product unit of <c>dot_width</c> = d lanes: d FP16 multipliers whose exact products are aligned to
/// the largest exponent (a shifter each), summed by an integer adder tree and added once into the PE's FP32
/// accumulator, as a tensor core's DP4 shares one alignment and one accumulation between four products; d = 1 is a
/// plain MAC with its own FP32 adder. Timed as an output-stationary rows×columns array (SCALE-Sim's T + R + C − 2 per
/// fold): each fold streams ⌈K/d⌉ while the dequantizers convert the fold's columns × K weights, so a fold takes the
/// longer of ⌈K/d⌉ and columns·K / dequant_lanes, plus fill and drain. Weights are dequantized again for every row
/// fold, as a GPU kernel does for every thread block.
/// </summary>
public sealed class DequantMacPe(DequantMacPeConfig config) : IPeModel
{
    /// <summary>Products are FP16 × FP16, accumulated in FP32 (as GPU tensor cores do for FP16 inputs).</summary>
    public const int PartialSumBits = 32;

    private static readonly ArithmeticType Half = ArithmeticType.Float(5, 10);

    private int Dot => config.DotWidth;

    public string Kind => DequantMacPeKind.Name;

    public string Name => config.Name;

    public Frequency Clock => config.Clock;

    public string Description => Dot == 1
        ? $"{config.Rows}×{config.Columns} FP16 MAC array with {config.DequantLanes} weight dequantizers"
        : $"{config.Rows}×{config.Columns} FP16 DP{Dot} array ({PeakMacsPerCycle:N0} MACs) with {config.DequantLanes} weight dequantizers";

    public long PeakMacsPerCycle => (long)config.Rows * config.Columns * Dot;

    public int AccumulatorBits => PartialSumBits;

    /// <summary>K in whole dot products, so that no tile splits one (the FP32 rounding happens once per dot product).</summary>
    public TileGranule Granule => new(config.Rows, config.Columns, Dot);

    public IReadOnlyList<NumericFormat> ActivationFormats => config.ActivationFormats;

    public IReadOnlyList<NumericFormat> WeightFormats => config.WeightFormats;

    public string? CannotRun(NumericFormat activation, NumericFormat weight) => PeFormats.NotListed(this, activation, weight);

    public TileCost Evaluate(in GemmTile tile)
    {
        long rowFolds = CeilDiv(tile.M, config.Rows);
        long columnFolds = CeilDiv(tile.N, config.Columns);
        long folds = rowFolds * columnFolds;
        long overhead = config.Rows + config.Columns - 2;
        long steps = CeilDiv(tile.K, Dot);
        long dequantize = CeilDiv((long)config.Columns * tile.K, config.DequantLanes);
        long stream = Math.Max(steps, dequantize);
        OperandTraffic traffic = OperandTraffic.OutputStationary(tile, rowFolds, columnFolds, PartialSumBits);
        return new TileCost(folds * (stream + overhead), folds * (overhead + stream - steps), folds, tile.Macs, traffic, Activities(tile, rowFolds), config.Rows - 1, config.Columns - 1,
            folds * dequantize);
    }

    /// <summary>
    /// Per MAC an FP16 multiply and the lane's operand registers; per dot product of d lanes, with d &gt; 1, a shift
    /// per product to align it, d − 1 integer adds of the aligned significands (22 bits, and ⌈log2 d⌉ more for the
    /// carries), and one FP32 add into the accumulator; with d = 1 the FP32 add of every product. The partial-sum
    /// register is written once per dot product. Per weight dequantized (once per row fold): a shift to normalise
    /// the code into FP16, a subtraction of the zero point when the format has one, a multiply by the FP16 scale,
    /// and a 16-bit register write.
    /// </summary>
    private ActivityCounts Activities(in GemmTile tile, long rowFolds)
    {
        long macs = tile.Macs;
        long dots = (long)tile.M * tile.N * CeilDiv(tile.K, Dot);
        long dequantized = (long)tile.N * tile.K * rowFolds;
        var counts = new ActivityCounts();
        counts.Add(Activity.Multiply(Half, Half), macs + dequantized);
        counts.Add(Activity.Add(ArithmeticType.Fp32), dots);
        if (Dot > 1)
        {
            counts.Add(Activity.Shift(AlignedProduct), macs);
            counts.Add(Activity.Add(TreeAdder), dots * (Dot - 1));
        }

        counts.Add(Activity.Shift(ArithmeticType.Int(16)), dequantized);
        if (tile.Weight is GroupAffineFormat { IsSymmetric: false })
        {
            counts.Add(Activity.Add(ArithmeticType.Int(tile.Weight.Element.Bits + 1)), dequantized);
        }

        counts.Add(Activity.RegisterWrite, (macs * (16 + 16)) + (dots * PartialSumBits) + (dequantized * 16));
        return counts;
    }

    /// <summary>An FP16 × FP16 product's significand: 11 × 11 bits.</summary>
    private static ArithmeticType AlignedProduct => ArithmeticType.Int(22);

    /// <summary>The adder tree's width: a product's significand, a sign and ⌈log2 d⌉ carries.</summary>
    private ArithmeticType TreeAdder => ArithmeticType.Int(22 + 1 + (int)Math.Ceiling(Math.Log2(Dot)));

    public IReadOnlyList<AreaItem> Inventory
    {
        get
        {
            long pes = (long)config.Rows * config.Columns, lanes = pes * Dot;
            int widest = WeightFormats.Max(f => f.Element.Bits);
            return
            [
                new AreaItem(Name, Activity.Multiply(Half, Half), lanes + config.DequantLanes),
                new AreaItem(Name, Activity.Add(ArithmeticType.Fp32), pes),
                .. Dot > 1
                    ? [new AreaItem(Name, Activity.Shift(AlignedProduct), lanes), new AreaItem(Name, Activity.Add(TreeAdder), pes * (Dot - 1))]
                    : Array.Empty<AreaItem>(),
                new AreaItem(Name, Activity.Shift(ArithmeticType.Int(16)), config.DequantLanes),
                new AreaItem(Name, Activity.Add(ArithmeticType.Int(widest + 1)), config.DequantLanes),
                new AreaItem(Name, Activity.RegisterWrite, (lanes * (16 + 16)) + (pes * PartialSumBits) + (config.DequantLanes * 16L)),
            ];
        }
    }

    /// <summary>
    /// Weights rounded to FP16 first; then with d = 1, FP32 accumulation in place (k ascending, one rounding per
    /// product); with d &gt; 1, each dot product's d products summed exactly and rounded once to FP32, then added
    /// into the FP32 accumulator (k ascending, one rounding each).
    /// </summary>
    public NumericContract Numerics(NumericFormat activation, NumericFormat weight) => Dot == 1
        ? new(Accumulator.Fp32, 0, ElementFormats.Fp16)
        : new(Accumulator.ExactChunksFp32, Dot, ElementFormats.Fp16);

    public GemmResult Execute(QuantizedTensor a, QuantizedTensor w)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        int m = a.Vectors, n = w.Vectors, k = a.Length;
        // The dequantizer: (code − zero point) × scale is exact in double and rounded once to FP16.
        // (Value is that product: element value times scale.)
        var weights = new float[n * k];
        var vector = new double[k];
        for (int j = 0; j < n; j++)
        {
            w.ValuesOf(j, vector, value => (double)(System.Half)value);
            for (int x = 0; x < k; x++)
            {
                weights[(j * k) + x] = (float)vector[x];
            }
        }

        var activations = new float[m * k];
        for (int i = 0; i < m; i++)
        {
            a.ValuesOf(i, vector);
            for (int x = 0; x < k; x++)
            {
                activations[(i * k) + x] = (float)vector[x];
            }
        }

        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<float> row = activations.AsSpan(i * k, k), column = weights.AsSpan(j * k, k);
                c[(i * n) + j] = Dot == 1 ? MacChain(row, column) : DotChain(row, column, Dot);
            }
        }

        return new GemmResult(m, n, c, Dot == 1 ? Accumulator.Fp32 : Accumulator.ExactChunksFp32, 0);
    }

    /// <summary>An FP16 × FP16 product is exact in FP32, so each step is one fused multiply-add rounding.</summary>
    private static float MacChain(ReadOnlySpan<float> a, ReadOnlySpan<float> w)
    {
        float accumulator = 0;
        for (int x = 0; x < a.Length; x++)
        {
            accumulator = MathF.FusedMultiplyAdd(a[x], w[x], accumulator);
        }

        return accumulator;
    }

    /// <summary>
    /// The DP datapath: FP16 values are whole multiples of 2^−24 below 2^16, so every product is a whole multiple of
    /// 2^−48 below 2^32 and a dot product's sum is exact as a 128-bit integer of 2^−48 units; it is rounded once to
    /// FP32 (to nearest, ties to even) and added into the accumulator. A non-finite operand gives NaN.
    /// </summary>
    private static float DotChain(ReadOnlySpan<float> a, ReadOnlySpan<float> w, int dot)
    {
        float accumulator = 0;
        for (int start = 0; start < a.Length; start += dot)
        {
            int end = Math.Min(a.Length, start + dot);
            // The adder tree's exact sum, in a double when every partial sum is exact there (each FP16 product is,
            // and TwoSum's error term says whether the additions were): then one cast is the one rounding to FP32,
            // the same number the 128-bit integer sum gives (a sum of FP16 products is never an FP32 subnormal).
            double quick = 0;
            bool exact = true;
            for (int x = start; x < end; x++)
            {
                if (!float.IsFinite(a[x]) || !float.IsFinite(w[x]))
                {
                    return float.NaN;
                }

                double p = (double)a[x] * w[x], t = quick + p, pp = t - quick;
                exact &= (quick - (t - pp)) + (p - pp) == 0;
                quick = t;
            }

            if (exact)
            {
                accumulator += quick == 0 ? 0 : (float)quick;
                continue;
            }

            Int128 sum = 0;
            for (int x = start; x < end; x++)
            {
                sum += (Int128)Units24(a[x]) * Units24(w[x]);
            }

            accumulator += RoundToFloat(sum, -48);
        }

        return accumulator;
    }

    /// <summary>An FP16 value as a whole number of 2^−24 units (exact: FP16's least subnormal is 2^−24).</summary>
    private static long Units24(float value) => (long)Math.ScaleB(value, 24);

    /// <summary>n · 2^scale rounded once to FP32, to nearest with ties to even.</summary>
    private static float RoundToFloat(Int128 n, int scale)
    {
        if (n == 0)
        {
            return 0;
        }

        bool negative = n < 0;
        var magnitude = (UInt128)(negative ? -n : n);
        int length = 128 - (int)UInt128.LeadingZeroCount(magnitude);
        int drop = Math.Max(0, length - 24);
        UInt128 kept = magnitude >> drop;
        if (drop > 0)
        {
            UInt128 rest = magnitude & ((UInt128.One << drop) - 1), half = UInt128.One << (drop - 1);
            if (rest > half || (rest == half && (kept & 1) == 1))
            {
                kept++;
            }
        }

        float value = (float)Math.ScaleB((double)kept, drop + scale);
        return negative ? -value : value;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
