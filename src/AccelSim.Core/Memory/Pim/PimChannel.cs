using AccelSim.Memory.BankTimed;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Memory.Pim;

/// <summary>
/// One channel's banks with their MAC units, as Newton and NeuPIMs build them. A matrix is laid out one output row
/// per bank in turn (output o in bank o mod banks), each output's elements padded to whole column accesses and
/// packed into DRAM rows (several outputs per row when they fit, otherwise one output over several rows). A GEMV
/// writes the input vector into the units (GWRITE), then for each row step opens a row in every bank (grouped
/// activations paced by tFAW), streams its columns with all-bank COMP commands (each unit multiplies one access's
/// elements by the input and adds them into its latch), reads the finished outputs (RDRESULT) and precharges.
/// Timing is closed form after NewtonSim's estimate (casys-kaist/NeuPIMs, channel_state.cc).
/// </summary>
public sealed class PimChannel
{
    /// <summary>COMP slots the units' pipeline needs before the first result (NewtonSim's minimum of 6 COMPs).</summary>
    private const int PipelineFillComps = 6;

    /// <summary>Banks one grouped activation opens at a time (NeuPIMs' PIM_ACTIVATION of 4 banks under tFAW).</summary>
    private const int BanksPerGroupedActivation = 4;

    /// <summary>Result latches are FP32.</summary>
    private const int ResultBits = 32;

    private readonly DramOrganization organization;
    private readonly DramTiming timing;

    public PimChannel(DramOrganization organization, DramTiming timing, PimConfig config)
    {
        this.organization = organization ?? throw new ArgumentNullException(nameof(organization));
        this.timing = timing ?? throw new ArgumentNullException(nameof(timing));
        Spec = config ?? throw new ArgumentNullException(nameof(config));
    }

    public PimConfig Spec { get; }

    public int Banks => organization.Banks;

    /// <summary>MAC units per channel.</summary>
    public int Units => Spec.Placement == PimPlacement.PerBank ? Banks : Banks / 2;

    /// <summary>What one channel (pseudo-channel) stores.</summary>
    public ByteSize ChannelCapacity => new(organization.Capacity.Bits / organization.Units);

    /// <summary>Column accesses in one DRAM row of a bank.</summary>
    public long AccessesPerRow => organization.RowSize.Bits / Spec.AccessBits;

    /// <summary>How long one all-bank COMP holds the banks: a burst's clock cycles or tCCD_S, and no less than one cycle of the units' clock.</summary>
    public SimTime CompTime => new(Math.Max(
        Math.Max(Math.Max(1, organization.BurstLength / 2), timing.CcdS) * timing.Tck.Picoseconds,
        Spec.Clock.TimeOf(1).Picoseconds));

    /// <summary>Multiply-accumulates per second over all units of the channel at best, for a matrix in <paramref name="matrix"/>.</summary>
    public double PeakMacsPerSecond(NumericFormat matrix) =>
        (double)Units * Spec.ElementsPerAccess(matrix) / CompTime.Seconds;

    /// <summary>The bank time and command counts of a GEMV, in closed form.</summary>
    public PimGemvCost Evaluate(in PimGemv gemv)
    {
        long tck = timing.Tck.Picoseconds;
        int elements = Spec.ElementsPerAccess(gemv.Matrix);
        long accessesPerOutput = (gemv.Length + elements - 1) / elements;
        long perRow = AccessesPerRow;
        int compsPerAccess = Spec.Placement == PimPlacement.PerBank ? 1 : 2;
        long comp = CompTime.Picoseconds;
        long busiest = (gemv.Outputs + Banks - 1) / Banks;
        long fullBanks = gemv.Outputs - ((busiest - 1) * Banks);
        int groups = (Banks + BanksPerGroupedActivation - 1) / BanksPerGroupedActivation;
        long activate = ((timing.Faw * Math.Max(0, (groups / 2) - 1)) + timing.Rcd) * tck;
        long resultsPerRead = Math.Max(1, organization.BurstBytes * 8 / ResultBits);
        long readSpacing = Math.Max(2, timing.CcdL) * tck;
        long openAtLeast = Math.Max(0, timing.Ras - timing.Rcd) * tck;
        long inputWrites = ((long)gemv.Length * gemv.Input.Element.Bits + Spec.AccessBits - 1) / Spec.AccessBits;

        // Banks holding more than j outputs: the first fullBanks banks hold `busiest`, the rest one fewer.
        long BanksWithMoreThan(long j) => j < busiest - 1 ? Banks : j == busiest - 1 ? fullBanks : 0;

        long steps = 0, comps = 0, reads = 0, time = inputWrites * (timing.CcdS + timing.CcdL) * tck;
        void Step(long accesses, long results)
        {
            long read = (results + resultsPerRead - 1) / resultsPerRead;
            long stream = Math.Max(accesses, PipelineFillComps) * compsPerAccess * comp;
            time += activate + Math.Max(stream + (read * readSpacing), openAtLeast) + (timing.Rp * tck);
            steps++;
            comps += accesses * compsPerAccess;
            reads += read;
        }

        if (accessesPerOutput <= perRow)
        {
            long outputsPerRow = perRow / accessesPerOutput;
            for (long first = 0; first < busiest; first += outputsPerRow)
            {
                long inStep = Math.Min(outputsPerRow, busiest - first);
                long results = 0;
                for (long j = first; j < first + inStep; j++)
                {
                    results += BanksWithMoreThan(j);
                }

                Step(inStep * accessesPerOutput, results);
            }
        }
        else
        {
            long rowsPerOutput = (accessesPerOutput + perRow - 1) / perRow;
            for (long j = 0; j < busiest; j++)
            {
                for (long row = 0; row < rowsPerOutput; row++)
                {
                    bool last = row == rowsPerOutput - 1;
                    Step(last ? accessesPerOutput - (row * perRow) : perRow, last ? BanksWithMoreThan(j) : 0);
                }
            }
        }

        long vectors = gemv.Vectors;
        long dataAccesses = gemv.Outputs * accessesPerOutput;
        return new PimGemvCost(
            new SimTime(time * vectors),
            steps * vectors,
            steps * Banks * vectors,
            comps * vectors,
            inputWrites * vectors,
            reads * vectors,
            dataAccesses * Spec.AccessBits * vectors,
            (long)gemv.Length * gemv.Input.Element.Bits * vectors,
            (long)gemv.Outputs * ResultBits * vectors,
            gemv.Macs);
    }

    /// <summary>
    /// Runs the GEMV through the banks' own datapath: bank by bank, row by row, column access by column access, each
    /// unit multiplies an access's elements by the input exactly, sums them in an exact adder tree rounded once to
    /// FP32, and adds that into the output's FP32 latch. <paramref name="input"/>: M vectors of K;
    /// <paramref name="matrix"/>: N rows of K.
    /// </summary>
    public GemmResult Execute(QuantizedTensor input, QuantizedTensor matrix)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(matrix);
        if (input.Length != matrix.Length)
        {
            throw new ArgumentException($"The input has {input.Length} elements, the matrix rows {matrix.Length}.");
        }

        int m = input.Vectors, n = matrix.Vectors, k = input.Length;
        int elements = Spec.ElementsPerAccess(matrix.Format);
        int accessesPerOutput = (k + elements - 1) / elements;
        long perRow = AccessesPerRow;
        double[] x = input.Dequantize();
        double[] w = matrix.Dequantize();
        var c = new double[m * n];
        var tree = new ExactSum();
        for (int v = 0; v < m; v++)
        {
            var latch = new float[n];
            var poisoned = new bool[n];
            for (int bank = 0; bank < Banks; bank++)
            {
                foreach (List<(int Output, int Access)> row in Rows(bank, n, accessesPerOutput, perRow))
                {
                    foreach ((int output, int access) in row)
                    {
                        int start = access * elements, end = Math.Min(k, start + elements);
                        tree.Clear();
                        for (int e = start; e < end; e++)
                        {
                            double a = x[(v * k) + e], b = w[(output * k) + e];
                            poisoned[output] |= !double.IsFinite(a) || !double.IsFinite(b);
                            if (!poisoned[output])
                            {
                                tree.AddProduct(a, b);
                            }
                        }

                        float term = (float)tree.Round(24, -149, float.MaxValue);
                        latch[output] = (float)((double)latch[output] + term);
                    }
                }
            }

            for (int o = 0; o < n; o++)
            {
                c[(v * n) + o] = poisoned[o] ? double.NaN : latch[o];
            }
        }

        return new GemmResult(m, n, c, Accumulator.ExactChunksFp32, 0);
    }

    /// <summary>The accumulation the banks' results are checked against: an FP32 latch fed one rounded access at a time.</summary>
    public GemmResult Reference(QuantizedTensor input, QuantizedTensor matrix) =>
        ReferenceGemm.Compute(input, matrix, Accumulator.ExactChunksFp32, Spec.ElementsPerAccess(matrix.Format));

    /// <summary>A bank's DRAM rows in the order the GEMV opens them, each as the (output, access) pairs its columns hold.</summary>
    private IEnumerable<List<(int Output, int Access)>> Rows(int bank, int outputs, int accessesPerOutput, long perRow)
    {
        var row = new List<(int, int)>();
        for (int output = bank; output < outputs; output += Banks)
        {
            // An output that would straddle a row boundary starts a new row, so every output's accesses stay in order.
            if (row.Count > 0 && row.Count + accessesPerOutput > perRow)
            {
                yield return row;
                row = [];
            }

            for (int access = 0; access < accessesPerOutput; access++)
            {
                row.Add((output, access));
                if (row.Count == perRow)
                {
                    yield return row;
                    row = [];
                }
            }
        }

        if (row.Count > 0)
        {
            yield return row;
        }
    }
}
