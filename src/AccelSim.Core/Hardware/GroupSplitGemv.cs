using AccelSim.Cost;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Hardware;

/// <summary>
/// The GEMV mapping of an output-stationary array whose PEs keep an integer partial sum per quantization group and
/// whose column dequantizer adds each finished group sum into the column's FP32 output (bit-serial, shift-add), for
/// designs that say <c>gemv_split: true</c>. A tile with fewer rows of M than the array leaves rows idle; here they
/// take shares of K instead, in whole groups: s shares, s the largest divisor of the tile's groups with M·s ≤ R. The
/// dequantizer adds the groups of every share into the one output in K order, so the result is the array's own, bit
/// for bit, and so is its numerical contract. The tile costs what the array charges for an M·s × N × K/s tile (its
/// group sums still pass the column dequantizer one a cycle), with every weight read once, not once per share, and
/// M × N outputs written. Each PE then takes its own weights, not its column's: the buffer's read port moves the same
/// bits in fewer cycles and bounds the tile where it is too narrow, and the wires that bring every PE its weights
/// are not priced.
/// </summary>
public sealed class GroupSplitGemv(IPeModel array, int rows) : IPeModel
{
    public string Kind => array.Kind;

    public string Name => array.Name;

    public Frequency Clock => array.Clock;

    public string Description => $"{array.Description}, K split over idle rows";

    public long PeakMacsPerCycle => array.PeakMacsPerCycle;

    public long PeakMacsPerCycleAt(NumericFormat weight) => array.PeakMacsPerCycleAt(weight);

    public int AccumulatorBits => array.AccumulatorBits;

    public TileGranule Granule => array.Granule;

    public string SpatialMapping => "output-stationary, K over rows";

    public IReadOnlyList<NumericFormat> ActivationFormats => array.ActivationFormats;

    public IReadOnlyList<NumericFormat> WeightFormats => array.WeightFormats;

    public string? CannotRun(NumericFormat activation, NumericFormat weight) => array.CannotRun(activation, weight);

    public TileCost Evaluate(in GemmTile tile)
    {
        int shares = Shares(tile);
        if (shares == 1)
        {
            return array.Evaluate(tile);
        }

        // M·s ≤ R, so the split tile is one row fold: every weight is read once.
        TileCost split = array.Evaluate(tile with { M = tile.M * shares, K = tile.K / shares });
        OperandTraffic traffic = split.Traffic with
        {
            WeightReads = new ByteSize(tile.Weight.TileBits(tile.N, tile.K)),
            OutputWrites = new ByteSize(split.Traffic.OutputWrites.Bits / shares),
        };
        return split with { Macs = tile.Macs, Traffic = traffic };
    }

    /// <summary>How many shares of K the tile's rows take: 1 when no row is idle or K is not in whole groups.</summary>
    private int Shares(in GemmTile tile)
    {
        int most = rows / Math.Max(1, tile.M);
        if (most < 2 || tile.Weight.BlockSize is not int group || tile.K % group != 0)
        {
            return 1;
        }

        int groups = tile.K / group;
        for (int s = Math.Min(most, groups); s > 1; s--)
        {
            if (groups % s == 0)
            {
                return s;
            }
        }

        return 1;
    }

    public IReadOnlyList<AreaItem> Inventory => array.Inventory;

    public NumericContract Numerics(NumericFormat activation, NumericFormat weight) => array.Numerics(activation, weight);

    public GemmResult Execute(QuantizedTensor a, QuantizedTensor w) => array.Execute(a, w);
}
