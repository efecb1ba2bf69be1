using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware.LutCore;

/// <summary>
/// A LUT tensor core (Mo et al., "LUT Tensor Core", ISCA 2025, arXiv 2408.06003; the mechanism of T-MAC). Weights
/// are reinterpreted offline as unsigned bit planes u (value = stride·(u − offset)); activations are taken in groups of
/// g = tile_k, and for each group a table holds the sums of the g activations under every sign or bit pattern. Each
/// lane looks up one entry per weight bit plane (a g-bit index), negates it when the symmetric table's sign bit asks,
/// shifts it by the plane's weight and accumulates: no multipliers. Per quantization group the offset is corrected
/// with the activations' sum (itself an entry of the table), and the integer sum is dequantized once to FP32.
/// FP16 and FP8 activations are held in fixed point (<see cref="ActivationFixedPoint"/>), so table entries and sums
/// stay exact; the entries are then wide (43 bits for FP16 with g = 4), where the paper rounds them to FP16.
/// </summary>
/// <remarks>
/// Symmetric table (the paper's table symmetrization): bits {0,1} read as signs {−1,+1}, T[s] = Σ sᵢaᵢ, and since
/// T[−s] = −T[s] only the 2^(g−1) entries with the last sign + are stored; 2·Σ v·a = stride·(Σₚ 2ᵖ·Tₚ +
/// (2^b − 1 − 2·offset)·Σa). Full table: 2^g entries T[u] = Σ uᵢaᵢ and Σ v·a = stride·(Σₚ 2ᵖ·Tₚ − offset·Σa).
/// Timing: each unit owns a tile_m × tile_n block of outputs and takes one table (g activations) and
/// planes_per_cycle planes per cycle, so a block streams ⌈K/g⌉·⌈b/planes_per_cycle⌉ cycles (or its group sums through
/// the unit's dequantizers, if longer) plus a 4-stage pipeline (lookup, negate, shift, accumulate). Fused precompute
/// builds each row block's tables once, in a pass of ⌈K/g⌉ cycles before its blocks, and keeps them for every column
/// block; in-PE precompute rebuilds them inside every block, hidden behind the lookups but paid in energy each time.
/// The units of a round cover a grid of row and column blocks, so weights are broadcast to the row blocks and tables
/// to the column blocks: weights are read once per pass over the row blocks, activations once per round of columns.
/// </remarks>
public sealed class LutCorePe(LutCoreConfig config) : IPeModel
{
    /// <summary>Lookup, conditional negate, shift, accumulate: the PE datapath the paper describes.</summary>
    public const int PipelineDepth = 4;

    public string Kind => LutCoreKind.Name;

    public string Name => config.Name;

    public Frequency Clock => config.Clock;

    public string Description =>
        $"{config.Units} LUT units of M{config.TileM} N{config.TileN} K{config.TileK}, {(config.SymmetricTable ? "symmetric" : "full")} tables, "
        + $"{(config.FusedPrecompute ? "fused" : "in-PE")} precompute, {config.PlanesPerCycle} bit plane{(config.PlanesPerCycle > 1 ? "s" : "")}/cycle";

    /// <summary>At the narrowest weight the core accepts: one table covers tile_k MACs per bit plane.</summary>
    public long PeakMacsPerCycle =>
        (long)config.Units * config.TileM * config.TileN * config.TileK / Planes(WeightFormats.Min(f => f.Element.Bits));

    public long PeakMacsPerCycleAt(NumericFormat weight) => (long)config.Units * config.TileM * config.TileN * config.TileK / Planes(weight.Element.Bits);

    /// <summary>The widest lane accumulator the listed formats need (32 bits for integer activations).</summary>
    public int AccumulatorBits => ActivationFixedPoint.WidestPartialSum(ActivationFormats, WeightFormats);

    public TileGranule Granule => new(config.TileM, config.TileN * config.Units, WeightFormats.Select(f => f.BlockSize ?? config.TileK).Max());

    public IReadOnlyList<NumericFormat> ActivationFormats => config.ActivationFormats;

    public IReadOnlyList<NumericFormat> WeightFormats => config.WeightFormats;

    private int Entries => 1 << (config.SymmetricTable ? config.TileK - 1 : config.TileK);

    public string? CannotRun(NumericFormat activation, NumericFormat weight) => PeFormats.NotListed(this, activation, weight);

    public TileCost Evaluate(in GemmTile tile)
    {
        int group = tile.Weight.BlockSize ?? tile.K;
        long quantGroups = CeilDiv(tile.K, group);
        long tablesPerRow = TablesPerRow(tile.K, group);
        long rowBlocks = CeilDiv(tile.M, config.TileM), columnBlocks = CeilDiv(tile.N, config.TileN);
        // A round gives the units a grid of row blocks × column blocks: one read of a column block's weights is
        // broadcast to every row block's unit, and one row block's tables to every column block's.
        long rowsPerRound = Math.Min(rowBlocks, config.Units), columnsPerRound = Math.Max(1, config.Units / rowsPerRound);
        long weightPasses = CeilDiv(rowBlocks, rowsPerRound), activationPasses = CeilDiv(columnBlocks, columnsPerRound);
        long rounds = weightPasses * activationPasses;
        long lookups = tablesPerRow * Planes(tile.Weight.Element.Bits);
        long dequantize = CeilDiv(Math.Min(tile.M, config.TileM) * config.TileN * quantGroups, config.DequantizersPerUnit);
        long stream = Math.Max(lookups, dequantize);
        long precompute = config.FusedPrecompute ? rowBlocks * tablesPerRow : 0;
        long cycles = (rounds * (stream + PipelineDepth)) + precompute;
        OperandTraffic traffic = OperandTraffic.OutputStationary(tile, weightPasses, activationPasses, GroupDequantizer.OutputBits);
        // A round's pipeline fills once; a round whose K stream goes on in the next tile keeps it full.
        return new TileCost(cycles, cycles - (rounds * lookups), rounds, tile.Macs, traffic, Activities(tile, tablesPerRow, quantGroups, columnBlocks), PipelineDepth, 0,
            rounds * dequantize);
    }

    /// <summary>
    /// Per lookup (output × table × bit plane): an entry selected from the table by a tree of 2:1 multiplexers
    /// (E − 1 per entry bit, the table's registers broadcast to the lane as the paper's 8:1 MUX), a conditional negate (symmetric
    /// tables), a shift and an accumulate into the 32-bit lane register. Per table built: one add per entry (each entry
    /// is a neighbour's ± one activation) and its register writes; fused precompute builds a row's tables once,
    /// in-PE precompute once per column block. Per output and group: the offset correction (an add of the activation
    /// sum scaled by a small constant, a halving shift when symmetric) and the FP32 dequantization.
    /// </summary>
    private ActivityCounts Activities(in GemmTile tile, long tablesPerRow, long quantGroups, long columnBlocks)
    {
        ActivationFixedPoint fixedPoint = ActivationFixedPoint.Of(tile.Activation);
        int entryBits = EntryBits(fixedPoint.Bits);
        int b = tile.Weight.Element.Bits, accumulator = fixedPoint.PartialSumBits(b);
        long lookups = (long)tile.M * tile.N * tablesPerRow * b;
        long tables = tile.M * tablesPerRow * (config.FusedPrecompute ? 1 : columnBlocks);
        long outputGroups = (long)tile.M * tile.N * quantGroups;
        var counts = new ActivityCounts();
        counts.Add(Activity.Select, lookups * entryBits * (Entries - 1));
        if (config.SymmetricTable)
        {
            counts.Add(Activity.Add(ArithmeticType.Int(entryBits)), lookups);
        }

        counts.Add(Activity.Shift(ArithmeticType.Int(accumulator)), lookups + outputGroups);
        counts.Add(Activity.Add(ArithmeticType.Int(accumulator)), lookups + outputGroups);
        counts.Add(Activity.RegisterWrite, (lookups * accumulator) + (tables * Entries * entryBits));
        counts.Add(Activity.Add(ArithmeticType.Int(entryBits)), tables * Entries);
        counts.Add(Activity.Multiply(ArithmeticType.Int(b + 1), ArithmeticType.Int(entryBits)), outputGroups);
        counts.Add(Activity.Multiply(ArithmeticType.Fp32, ArithmeticType.Fp32), outputGroups);
        counts.Add(Activity.Add(ArithmeticType.Fp32), outputGroups);
        return counts;
    }

    public IReadOnlyList<AreaItem> Inventory
    {
        get
        {
            int b = WeightFormats.Max(f => f.Element.Bits);
            ActivationFixedPoint[] fixedPoints = [.. ActivationFormats.Select(ActivationFixedPoint.Of)];
            int entryBits = EntryBits(fixedPoints.Max(f => f.Bits)), accumulator = fixedPoints.Max(f => f.PartialSumBits(b));
            long units = config.Units, lanes = units * config.TileM * config.TileN * config.PlanesPerCycle;
            long builders = (config.FusedPrecompute ? 1 : units) * config.TileM * Entries;
            return
            [
                new(Name, Activity.RegisterWrite, units * config.TileM * Entries * entryBits),
                new(Name, Activity.Add(ArithmeticType.Int(entryBits)), (config.SymmetricTable ? lanes : 0) + builders),
                new(Name, Activity.Select, lanes * entryBits * (Entries - 1)),
                new(Name, Activity.Shift(ArithmeticType.Int(accumulator)), lanes),
                new(Name, Activity.Add(ArithmeticType.Int(accumulator)), lanes),
                new(Name, Activity.RegisterWrite, lanes * accumulator),
                new(Name, Activity.Multiply(ArithmeticType.Int(b + 1), ArithmeticType.Int(entryBits)), units * config.DequantizersPerUnit),
                new(Name, Activity.Multiply(ArithmeticType.Fp32, ArithmeticType.Fp32), units * config.DequantizersPerUnit),
                new(Name, Activity.Add(ArithmeticType.Fp32), units * config.DequantizersPerUnit),
            ];
        }
    }

    public NumericContract Numerics(NumericFormat activation, NumericFormat weight) => new(ActivationFixedPoint.Of(activation).Accumulator, 0);

    public GemmResult Execute(QuantizedTensor a, QuantizedTensor w) => Shortcut(a, w);

    /// <summary>
    /// Table precompute, bit-plane lookups and the offset correction, step by step. Every step is an exact 64-bit
    /// integer operation (the build checks overflow), and the correction makes each group's sum Σ activation × weight
    /// value exactly, wrapped once into the partial-sum register: <see cref="Execute"/> takes that sum at once.
    /// </summary>
    public GemmResult ExecuteStepByStep(QuantizedTensor a, QuantizedTensor w)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        int m = a.Vectors, n = w.Vectors, k = a.Length, g = config.TileK, b = w.Element.Bits;
        int group = w.IsBlockShared ? k : w.BlockLength;
        int tablesPerRow = (int)TablesPerRow(k, group);
        int entries = Entries;
        int stride = w.Element is BinaryFormat ? 2 : 1;
        BitPlanes planes = Reinterpret(w, g, group, tablesPerRow);
        ActivationFixedPoint fixedPoint = ActivationFixedPoint.Of(a.Format);
        int width = fixedPoint.PartialSumBits(b);
        var activations = new long[k];
        var table = new long[tablesPerRow * entries];
        var c = new double[m * n];
        long overflows = 0;
        int allOnes = config.SymmetricTable ? entries - 1 : (1 << g) - 1;
        for (int i = 0; i < m; i++)
        {
            if (!fixedPoint.Row(a, i, activations))
            {
                c.AsSpan(i * n, n).Fill(double.NaN);
                continue;
            }

            Precompute(activations, group, table);
            for (int j = 0; j < n; j++)
            {
                float output = 0;
                int t = 0;
                for (int start = 0; start < k; start += group)
                {
                    int segmentTables = (Math.Min(group, k - start) + g - 1) / g;
                    long accumulator = 0, activationSum = 0;
                    for (int s = 0; s < segmentTables; s++, t++)
                    {
                        ReadOnlySpan<long> entry = table.AsSpan(t * entries, entries);
                        for (int p = 0; p < b; p++)
                        {
                            accumulator += Lookup(entry, planes.Index[(((j * tablesPerRow) + t) * b) + p]) << p;
                        }

                        activationSum += entry[allOnes];
                    }

                    long twiceOffset = planes.TwiceOffset[(j * planes.SegmentsPerColumn) + (start / group)];
                    long twiceSum = config.SymmetricTable
                        ? stride * (accumulator + ((((1L << b) - 1) - twiceOffset) * activationSum))
                        : stride * ((2 * accumulator) - (twiceOffset * activationSum));
                    long sum = ActivationFixedPoint.Wrap(twiceSum / 2, width, ref overflows);
                    output += GroupDequantizer.ToFp32(sum, fixedPoint.Scale(a, i, start), w.Scale(j, start));
                }

                c[(i * n) + j] = output;
            }
        }

        return new GemmResult(m, n, c, fixedPoint.Accumulator, overflows);
    }

    /// <summary>Each group's Σ activation × weight value as one integer dot product, wrapped once as the datapath's is.</summary>
    private static GemmResult Shortcut(QuantizedTensor a, QuantizedTensor w)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        int m = a.Vectors, n = w.Vectors, k = a.Length, group = w.IsBlockShared ? k : w.BlockLength;
        ActivationFixedPoint fixedPoint = ActivationFixedPoint.Of(a.Format);
        int width = fixedPoint.PartialSumBits(w.Element.Bits);
        var activations = new long[k];
        var values = new double[k];
        var c = new double[m * n];
        long overflows = 0;
        for (int i = 0; i < m; i++)
        {
            if (!fixedPoint.Row(a, i, activations))
            {
                c.AsSpan(i * n, n).Fill(double.NaN);
                continue;
            }

            for (int j = 0; j < n; j++)
            {
                w.ElementValuesOf(j, values);
                float output = 0;
                for (int start = 0; start < k; start += group)
                {
                    long sum = 0;
                    for (int x = start; x < Math.Min(k, start + group); x++)
                    {
                        sum += activations[x] * (long)values[x];
                    }

                    output += GroupDequantizer.ToFp32(ActivationFixedPoint.Wrap(sum, width, ref overflows), fixedPoint.Scale(a, i, start), w.Scale(j, start));
                }

                c[(i * n) + j] = output;
            }
        }

        return new GemmResult(m, n, c, fixedPoint.Accumulator, overflows);
    }

    /// <summary>
    /// One entry per sign (symmetric) or bit (full) pattern of each group of g activations; a group cut short at the
    /// end of a quantization group is padded with zero activations.
    /// </summary>
    private void Precompute(ReadOnlySpan<long> activations, int group, long[] table)
    {
        int g = config.TileK, k = activations.Length, entries = Entries, t = 0;
        Span<long> values = stackalloc long[g];
        for (int start = 0; start < k; start += group)
        {
            int end = Math.Min(k, start + group);
            for (int x = start; x < end; x += g, t++)
            {
                for (int lane = 0; lane < g; lane++)
                {
                    values[lane] = x + lane < end ? activations[x + lane] : 0;
                }

                for (int e = 0; e < entries; e++)
                {
                    long sum = config.SymmetricTable ? values[g - 1] : 0;
                    for (int lane = 0; lane < (config.SymmetricTable ? g - 1 : g); lane++)
                    {
                        bool set = ((e >> lane) & 1) != 0;
                        sum += config.SymmetricTable ? (set ? values[lane] : -values[lane]) : (set ? values[lane] : 0);
                    }

                    table[(t * entries) + e] = sum;
                }
            }
        }
    }

    /// <summary>A g-bit plane index: with a symmetric table, the top bit picks the sign and the rest the entry.</summary>
    private long Lookup(ReadOnlySpan<long> entry, int index)
    {
        if (!config.SymmetricTable)
        {
            return entry[index];
        }

        int g = config.TileK, low = (1 << (g - 1)) - 1;
        return ((index >> (g - 1)) & 1) != 0 ? entry[index & low] : -entry[~index & low];
    }

    /// <summary>
    /// The offline weight transformation: each weight as an unsigned b-bit pattern u with value = stride·(u − offset)
    /// (offset 2^(b−1) for signed integers, the zero point for unsigned codes, ½ for binary ±1), sliced into one
    /// g-bit table index per table and bit plane.
    /// </summary>
    private static BitPlanes Reinterpret(QuantizedTensor w, int g, int group, int tablesPerRow)
    {
        int n = w.Vectors, k = w.Length, b = w.Element.Bits;
        int segments = (k + group - 1) / group;
        var index = new int[n * tablesPerRow * b];
        var twiceOffset = new long[n * segments];
        for (int j = 0; j < n; j++)
        {
            int t = 0;
            for (int start = 0, segment = 0; start < k; start += group, segment++)
            {
                twiceOffset[(j * segments) + segment] = w.Element switch
                {
                    BinaryFormat => 1,
                    IntFormat { IsSigned: true } => 1L << b,
                    _ => 2L * (w.HasZeroPoints ? w.ZeroPoints[w.BlockIndex(j, start)] : 0),
                };
                int end = Math.Min(k, start + group);
                for (int x = start; x < end; x += g, t++)
                {
                    for (int lane = 0; lane < g && x + lane < end; lane++)
                    {
                        long raw = (long)w.Element.Decode(w.Code(j, x + lane));
                        long u = w.Element switch
                        {
                            BinaryFormat => (raw + 1) / 2,
                            IntFormat { IsSigned: true } => raw + (1L << (b - 1)),
                            _ => raw,
                        };
                        for (int p = 0; p < b; p++)
                        {
                            index[(((j * tablesPerRow) + t) * b) + p] |= (int)((u >> p) & 1) << lane;
                        }
                    }
                }
            }
        }

        return new BitPlanes(index, twiceOffset, segments);
    }

    private long TablesPerRow(int k, int group) => (k / group * CeilDiv(group, config.TileK)) + CeilDiv(k % group, config.TileK);

    /// <summary>A table entry sums g activations of a fixed-point bits: a + ⌈log2 g⌉ bits (FP16 activations: 41 + 2).</summary>
    private int EntryBits(int activationBits) => activationBits + (int)Math.Ceiling(Math.Log2(config.TileK));

    private int Planes(int bits) => (bits + config.PlanesPerCycle - 1) / config.PlanesPerCycle;

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    private sealed record BitPlanes(int[] Index, long[] TwiceOffset, int SegmentsPerColumn);
}
