using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.DequantMac;

/// <summary>
/// The mpGEMM baseline of today's GPUs and TPUs: every low-bit weight is dequantized to FP16 in the main loop
/// ((code − zero point) × scale, rounded once to FP16) and multiplied in an FP16 MAC that accumulates in FP32.
/// Timed as an output-stationary rows×columns array (SCALE-Sim's K + R + C − 2 per fold): each fold streams K
/// while the dequantizers convert the fold's columns × K weights, so a fold takes the longer of K and
/// columns·K / dequant_lanes, plus fill and drain. Weights are dequantized again for every row fold, as a GPU
/// kernel does for every thread block.
/// </summary>
public sealed class DequantMacPe(DequantMacPeConfig config) : IPeModel
{
    /// <summary>Products are FP16 × FP16, accumulated in FP32 (as GPU tensor cores do for FP16 inputs).</summary>
    public const int PartialSumBits = 32;

    private static readonly ArithmeticType Half = ArithmeticType.Float(5, 10);

    public string Kind => DequantMacPeKind.Name;

    public string Name => config.Name;

    public Frequency Clock => config.Clock;

    public string Description => $"{config.Rows}×{config.Columns} FP16 MAC array with {config.DequantLanes} weight dequantizers";

    public long PeakMacsPerCycle => (long)config.Rows * config.Columns;

    public int AccumulatorBits => PartialSumBits;

    public TileGranule Granule => new(config.Rows, config.Columns, 1);

    public IReadOnlyList<NumericFormat> ActivationFormats => config.ActivationFormats;

    public IReadOnlyList<NumericFormat> WeightFormats => config.WeightFormats;

    public string? CannotRun(NumericFormat activation, NumericFormat weight) => PeFormats.NotListed(this, activation, weight);

    public TileCost Evaluate(in GemmTile tile)
    {
        long rowFolds = CeilDiv(tile.M, config.Rows);
        long columnFolds = CeilDiv(tile.N, config.Columns);
        long folds = rowFolds * columnFolds;
        long overhead = config.Rows + config.Columns - 2;
        long stream = Math.Max(tile.K, CeilDiv((long)config.Columns * tile.K, config.DequantLanes));
        OperandTraffic traffic = OperandTraffic.OutputStationary(tile, rowFolds, columnFolds, PartialSumBits);
        return new TileCost(folds * (stream + overhead), folds * (overhead + stream - tile.K), folds, tile.Macs, traffic, Activities(tile, rowFolds), config.Rows - 1, config.Columns - 1,
            folds * CeilDiv((long)config.Columns * tile.K, config.DequantLanes));
    }

    /// <summary>
    /// Per MAC an FP16 multiply and an FP32 add, and the PE registers (activation, weight, partial sum). Per weight
    /// dequantized (once per row fold): a shift to normalise the code into FP16, a subtraction of the zero point when
    /// the format has one, a multiply by the FP16 scale, and a 16-bit register write.
    /// </summary>
    private static ActivityCounts Activities(in GemmTile tile, long rowFolds)
    {
        long macs = tile.Macs;
        long dequantized = (long)tile.N * tile.K * rowFolds;
        var counts = new ActivityCounts();
        counts.Add(Activity.Multiply(Half, Half), macs + dequantized);
        counts.Add(Activity.Add(ArithmeticType.Fp32), macs);
        counts.Add(Activity.Shift(ArithmeticType.Int(16)), dequantized);
        if (tile.Weight is GroupAffineFormat { IsSymmetric: false })
        {
            counts.Add(Activity.Add(ArithmeticType.Int(tile.Weight.Element.Bits + 1)), dequantized);
        }

        counts.Add(Activity.RegisterWrite, (macs * (16 + 16 + PartialSumBits)) + (dequantized * 16));
        return counts;
    }

    public IReadOnlyList<AreaItem> Inventory
    {
        get
        {
            long pes = (long)config.Rows * config.Columns;
            int widest = WeightFormats.Max(f => f.Element.Bits);
            return
            [
                new AreaItem(Name, Activity.Multiply(Half, Half), pes + config.DequantLanes),
                new AreaItem(Name, Activity.Add(ArithmeticType.Fp32), pes),
                new AreaItem(Name, Activity.Shift(ArithmeticType.Int(16)), config.DequantLanes),
                new AreaItem(Name, Activity.Add(ArithmeticType.Int(widest + 1)), config.DequantLanes),
                new AreaItem(Name, Activity.RegisterWrite, (pes * (16 + 16 + PartialSumBits)) + (config.DequantLanes * 16L)),
            ];
        }
    }

    /// <summary>FP32 accumulation in place (output-stationary, k ascending), of weights rounded to FP16 first.</summary>
    public NumericContract Numerics(NumericFormat activation, NumericFormat weight) =>
        new(Accumulator.Fp32, 0, ElementFormats.Fp16);

    public GemmResult Execute(QuantizedTensor a, QuantizedTensor w)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        int m = a.Vectors, n = w.Vectors, k = a.Length;
        // The dequantizer: (code − zero point) × scale is exact in double and rounded once to FP16.
        var weights = new float[n * k];
        for (int j = 0; j < n; j++)
        {
            for (int x = 0; x < k; x++)
            {
                weights[(j * k) + x] = (float)(System.Half)(w.ElementValue(j, x) * w.Scale(j, x));
            }
        }

        var activations = new float[m * k];
        for (int i = 0; i < m; i++)
        {
            for (int x = 0; x < k; x++)
            {
                activations[(i * k) + x] = (float)a.Value(i, x);
            }
        }

        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                // An FP16 × FP16 product is exact in FP32, so each step is one fused multiply-add rounding.
                float accumulator = 0;
                for (int x = 0; x < k; x++)
                {
                    accumulator = MathF.FusedMultiplyAdd(activations[(i * k) + x], weights[(j * k) + x], accumulator);
                }

                c[(i * n) + j] = accumulator;
            }
        }

        return new GemmResult(m, n, c, Accumulator.Fp32, 0);
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
