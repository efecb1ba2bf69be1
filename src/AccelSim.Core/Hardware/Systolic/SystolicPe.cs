using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.Systolic;

/// <summary>
/// A rows×columns systolic MAC array, timed as SCALE-Sim v2 times it. A GEMM dimension is spread over the rows
/// (Sr), one over the columns (Sc) and one is streamed in time (T): output-stationary (M, N, K),
/// weight-stationary (K, N, M), input-stationary (K, M, N). Each pass over an R×C block (a fold) takes
/// T + R + C − 2 cycles output-stationary and 2R + C + T − 2 otherwise (R more to preload the stationary
/// operand); edge folds take a full fold's time.
/// With <c>preload: overlapped</c> (weight- or input-stationary), each PE double-buffers its stationary operand,
/// as TPU v1's matrix unit does (Jouppi et al., ISCA 2017, §2: weights are double-buffered to hide the cycles it
/// takes to shift a tile in) and as NeuPIMs' NPU model does (casys-kaist/NeuPIMs, src/NeuPIMSystolicWS.cc: a
/// preloading GEMM starts R cycles after the one before it). The next fold's operand shifts in while the current
/// fold streams, and a fold streams once the one before it has streamed and its own operand is in, so a tile of F
/// folds takes R (the first preload) + (F − 1) · max(T, R) + T + R + C − 2 (the last fold's skew and drain)
/// cycles: one fold alone takes what it takes serially, and a long run of folds approaches max(T, R) each.
/// An array built for several dataflows offers each as a mapping of its own; it is sized for all of them (the
/// second register where any dataflow overlaps its preload), and the muxes that switch its operand paths are not
/// priced.
/// </summary>
public sealed class SystolicPe(SystolicPeConfig config) : IPeModel
{
    /// <summary>Partial sums and integer accumulators are 32 bits wide (INT32 for integer formats, FP32 otherwise).</summary>
    public const int PartialSumBits = 32;

    public string Kind => SystolicPeKind.Name;

    public string Name => config.Name;

    public Frequency Clock => config.Clock;

    public int Rows => config.Rows;

    public int Columns => config.Columns;

    public Dataflow Dataflow => config.Dataflow;

    public string Description =>
        $"{Rows}×{Columns} {string.Join(" or ", config.Dataflows.Select(DataflowNames.Name))} systolic array{(config.OverlappedPreload ? ", overlapped preload" : "")}";

    /// <summary>One array per dataflow the PEs support, each with the preload it has in that dataflow.</summary>
    public IReadOnlyList<IPeModel> Mappings => config.MoreDataflows is not { Count: > 0 }
        ? [this]
        : [.. config.Dataflows.Select(d => d == Dataflow ? this : new SystolicPe(config with { Dataflow = d, MoreDataflows = null }))];

    /// <summary>An output-stationary array preloads nothing, so it has nothing to overlap.</summary>
    private bool Overlapped => config.OverlappedPreload && Dataflow != Dataflow.OutputStationary;

    public long PeakMacsPerCycle => (long)Rows * Columns;

    public int AccumulatorBits => config.PartialSumWord;

    /// <summary>SCALE-Sim v2 preloads serially; an overlapped preload is faster than it.</summary>
    public bool TimedAsScaleSim => !Overlapped;

    public TileGranule Granule => Dataflow switch
    {
        Dataflow.OutputStationary => new TileGranule(Rows, Columns, 1),
        Dataflow.WeightStationary => new TileGranule(1, Columns, Rows, GemmDimension.M),
        _ => new TileGranule(Columns, 1, Rows, GemmDimension.N),
    };

    public IReadOnlyList<NumericFormat> ActivationFormats => config.ActivationFormats;

    public IReadOnlyList<NumericFormat> WeightFormats => config.WeightFormats;

    public string? CannotRun(NumericFormat activation, NumericFormat weight)
    {
        if (PeFormats.NotListed(this, activation, weight) is string why)
        {
            return why;
        }

        return activation.Element.IsInteger == weight.Element.IsInteger
            ? null
            : $"{activation.Name} × {weight.Name} mixes integer and floating-point operands, which one MAC array does not";
    }

    public TileCost Evaluate(in GemmTile tile)
    {
        (int sr, int sc, int t) = Dataflow switch
        {
            Dataflow.OutputStationary => (tile.M, tile.N, tile.K),
            Dataflow.WeightStationary => (tile.K, tile.N, tile.M),
            _ => (tile.K, tile.M, tile.N),
        };
        long rowFolds = CeilDiv(sr, Rows);
        long columnFolds = CeilDiv(sc, Columns);
        long folds = rowFolds * columnFolds;
        long overhead = Dataflow == Dataflow.OutputStationary ? Rows + Columns - 2 : (2L * Rows) + Columns - 2;
        long cycles = folds * (t + overhead);
        long idle = folds * overhead;
        if (Overlapped)
        {
            cycles = ((folds - 1) * Math.Max(t, Rows)) + t + overhead;
            idle = cycles - (folds * t);
        }

        var activations = new ByteSize(tile.Activation.TileBits(tile.M, tile.K));
        var weights = new ByteSize(tile.Weight.TileBits(tile.N, tile.K));
        var outputs = new ByteSize((long)tile.M * tile.N * AccumulatorBits);
        OperandTraffic traffic = Dataflow switch
        {
            Dataflow.OutputStationary => OperandTraffic.OutputStationary(tile, rowFolds, columnFolds, AccumulatorBits),
            // Weights are read once; activations stream once per column fold; partial sums leave every row fold.
            Dataflow.WeightStationary => new OperandTraffic(
                activations * columnFolds, weights, outputs * (rowFolds - 1), outputs * rowFolds),
            _ => new OperandTraffic(activations, weights * columnFolds, outputs * (rowFolds - 1), outputs * rowFolds),
        };
        // A fold's drain is the last partial sums leaving through the C − 1 columns; the rest is preload and skew fill.
        return new TileCost(cycles, idle, folds, tile.Macs, traffic, Activities(tile), overhead - (Columns - 1), Columns - 1);
    }

    /// <summary>
    /// Each MAC is one multiply and one accumulate; each PE that does one writes the operands it passes on and its
    /// partial sum into its registers: OS passes activations and weights, WS activations and partial sums, IS
    /// weights and partial sums. A weight- or input-stationary preload shifts the stationary operand in from the
    /// array's edge, so the element bound for the r-th row of a fold is written into r + 1 registers on its way
    /// (a fold of h rows: h(h + 1)/2 writes per column, about R/2 per element of a full fold), as in TPU v1's
    /// matrix unit, whose weights shift in through the array (Jouppi et al., ISCA 2017, §2). Idle PEs during fill
    /// and drain are taken as clock-gated.
    /// </summary>
    private ActivityCounts Activities(in GemmTile tile)
    {
        ArithmeticType a = ArithmeticType.Of(tile.Activation.Element), w = ArithmeticType.Of(tile.Weight.Element);
        ArithmeticType accumulator = Accumulating(a, w);
        long macs = tile.Macs;
        long passed = Dataflow switch
        {
            Dataflow.OutputStationary => macs * (a.Width + w.Width + accumulator.Width),
            Dataflow.WeightStationary => (macs * (a.Width + accumulator.Width)) + (PreloadWrites(tile.K) * tile.N * w.Width),
            _ => (macs * (w.Width + accumulator.Width)) + (PreloadWrites(tile.K) * tile.M * a.Width),
        };
        var counts = new ActivityCounts();
        counts.Add(Activity.Multiply(a, w), macs);
        counts.Add(Activity.Add(accumulator), macs);
        counts.Add(Activity.RegisterWrite, passed);
        return counts;
    }

    /// <summary>Register writes per column to shift <paramref name="rows"/> stationary elements in, fold by fold of R rows.</summary>
    private long PreloadWrites(long rows)
    {
        long full = rows / Rows, rest = rows % Rows;
        return (full * Rows * (Rows + 1L) / 2) + (rest * (rest + 1) / 2);
    }

    /// <summary>One multiplier and one accumulator per PE, sized for the widest formats the array accepts, and the registers that hold an operand, the operand passing through and a partial sum.</summary>
    public IReadOnlyList<AreaItem> Inventory
    {
        get
        {
            long pes = (long)Rows * Columns;
            var items = new List<AreaItem>();
            foreach (bool isFloat in new[] { false, true })
            {
                ArithmeticType[] acts = [.. ActivationFormats.Select(f => ArithmeticType.Of(f.Element)).Where(t => t.IsFloat == isFloat)];
                ArithmeticType[] weights = [.. WeightFormats.Select(f => ArithmeticType.Of(f.Element)).Where(t => t.IsFloat == isFloat)];
                if (acts.Length == 0 || weights.Length == 0)
                {
                    continue;
                }

                ArithmeticType a = Widest(acts), w = Widest(weights);
                items.Add(new AreaItem(Name, Activity.Multiply(a, w), pes));
                items.Add(new AreaItem(Name, Activity.Add(Accumulating(a, w)), pes));
            }

            int aBits = ActivationFormats.Max(f => f.Element.Bits), wBits = WeightFormats.Max(f => f.Element.Bits);
            // An overlapped preload needs a second register for the stationary operand of each dataflow that preloads.
            int shadowBits = !config.OverlappedPreload ? 0 : config.Dataflows.Select(d => d switch
            {
                Dataflow.WeightStationary => wBits,
                Dataflow.InputStationary => aBits,
                _ => 0,
            }).Max();
            items.Add(new AreaItem(Name, Activity.RegisterWrite, pes * (aBits + wBits + PartialSumBits + shadowBits)));
            return items;
        }
    }

    private static ArithmeticType Accumulating(ArithmeticType a, ArithmeticType w) =>
        a.IsFloat || w.IsFloat ? ArithmeticType.Fp32 : ArithmeticType.Int(PartialSumBits);

    private static ArithmeticType Widest(ArithmeticType[] types) =>
        types.MaxBy(t => (t.SignificandBits, t.ExponentBits));

    public NumericContract Numerics(NumericFormat activation, NumericFormat weight) => activation.Element.IsInteger
        ? new NumericContract(Accumulator.Int32Wrapping, 0)
        : new NumericContract(Accumulator.Fp32, Dataflow == Dataflow.OutputStationary ? 0 : Rows);

    public GemmResult Execute(QuantizedTensor a, QuantizedTensor w) => Run(a, w, stepByStep: false);

    public GemmResult ExecuteStepByStep(QuantizedTensor a, QuantizedTensor w) => Run(a, w, stepByStep: true);

    private GemmResult Run(QuantizedTensor a, QuantizedTensor w, bool stepByStep)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        // Output-stationary PEs accumulate the whole of K in place; otherwise K is spread over the rows, a column
        // sums one fold's R products, and that sum is added to the partial sum of the earlier folds.
        int chunk = Dataflow == Dataflow.OutputStationary ? a.Length : Rows;
        return a.Element.IsInteger ? SystolicDatapath.Integer(a, w, chunk, stepByStep) : SystolicDatapath.Float(a, w, chunk);
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
