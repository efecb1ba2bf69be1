using AccelSim.Hardware;
using AccelSim.Numerics;
using AccelSim.Workloads;

namespace AccelSim.Accelerator;

/// <summary>
/// Runs a GEMM's outputs through the PE's own datapath and compares them bit for bit with the reference GEMM
/// computed independently under the PE's stated accumulation semantics. Operands are seeded synthetic tensors
/// (Gaussian activations, Laplace weights) quantized to the operation's formats. The same block also measures
/// the quantization error: the array's result against the FP64 product of the operands before quantization.
/// A full check goes a slice of weight columns at a time, and also runs a sampled block of it through the datapath
/// step by step (<see cref="IPeModel.ExecuteStepByStep"/>) against the shortcuts <see cref="IPeModel.Execute"/> takes.
/// </summary>
public static class FunctionalCheck
{
    /// <summary>The most MACs a sampled check runs per GEMM, so a default run of a whole model stays quick.</summary>
    public const long SampleMacs = 1 << 18;

    public static FunctionalOutcome Run(IPeModel pe, GemmOp op, FunctionalMode mode, int seed, int opIndex) =>
        Run(pe, op, mode, seed, opIndex, SliceElements);

    /// <param name="sliceElements">Weight elements checked at a time (the outcome does not depend on it).</param>
    internal static FunctionalOutcome Run(IPeModel pe, GemmOp op, FunctionalMode mode, int seed, int opIndex, long sliceElements)
    {
        ArgumentNullException.ThrowIfNull(pe);
        ArgumentNullException.ThrowIfNull(op);
        if (mode == FunctionalMode.Off)
        {
            return FunctionalOutcome.Skipped("functional checking is off");
        }

        var random = new Random(unchecked((seed * 1_000_003) + opIndex) & int.MaxValue);
        int rows = op.M, columns = op.N, row0 = 0, column0 = 0;
        if (mode == FunctionalMode.Sample)
        {
            rows = Math.Min(op.M, Math.Max(1, pe.Granule.M));
            columns = (int)Math.Clamp(SampleMacs / ((long)rows * op.K), 1, op.N);
            row0 = random.Next(op.M - rows + 1);
            column0 = random.Next(op.N - columns + 1);
        }

        int operandSeed = random.Next();
        Span<double> av = OperandBuffers.Activations(rows * op.K);
        if (op.ActivationFile is null)
        {
            SyntheticTensor.Fill(Distribution.Gaussian, av, rows, op.K, operandSeed);
        }
        else
        {
            NpyArray.Load(op.ActivationFile, out _)!.Values.AsSpan(row0 * op.K, rows * op.K).CopyTo(av);
        }

        double[]? weightFile = op.WeightFile is null ? null : NpyArray.Load(op.WeightFile, out _)!.Values;
        // The weights are made, quantized, run and checked a slice of columns at a time, so that a 7B model's largest
        // matrix is never held whole in doubles, codes and each datapath's own copies (every output depends on its
        // own column only; a per-tensor scale is chosen from the whole tensor's range, gathered in a first pass).
        int slice = (int)Math.Clamp(Math.Max(sliceElements, (long)rows * op.K) / op.K, 1, columns);
        Span<double> wv = OperandBuffers.Weights(slice * op.K);
        int sliceSeed = operandSeed + 1;
        TensorRange whole = default;
        if (op.Weight.NeedsWholeTensor && slice < columns)
        {
            var pass = new SyntheticSamples(Distribution.Laplace, op.K, sliceSeed);
            for (int c0 = 0; c0 < columns; c0 += slice)
            {
                Span<double> part = wv[..(Math.Min(slice, columns - c0) * op.K)];
                Weights(pass, weightFile, op, column0 + c0, part);
                whole = whole.Including(part);
            }
        }

        var samples = new SyntheticSamples(Distribution.Laplace, op.K, sliceSeed);
        QuantizedTensor a;
        long differ = 0, first = -1, overflows = 0;
        double signal = 0, noise = 0, firstGot = 0, firstWant = 0;
        StepCheck? stepped = null;
        // The block run step by step as well: a sampled check's worth of the first rows and columns.
        int stepRows = Math.Min(rows, Math.Max(1, pe.Granule.M));
        int stepColumns = (int)Math.Clamp(SampleMacs / ((long)stepRows * op.K), 1, columns);
        // Summed per row across slices, then over rows: the same sums however the columns are sliced.
        double[] signalByRow = new double[rows], noiseByRow = new double[rows];
        Accumulator accumulator = default;
        try
        {
            a = op.Activation.Quantize(av, rows, op.K);
            for (int c0 = 0; c0 < columns; c0 += slice)
            {
                int width = Math.Min(slice, columns - c0);
                Span<double> part = wv[..(width * op.K)];
                Weights(samples, weightFile, op, column0 + c0, part);
                if (op.Weight.NeedsWholeTensor && slice >= columns)
                {
                    whole = TensorRange.Of(part);
                }

                QuantizedTensor w = op.Weight.QuantizePart(part, width, op.K, whole);
                GemmResult got = pe.Execute(a, w);
                if (mode == FunctionalMode.Full && c0 < stepColumns)
                {
                    stepped = StepByStep(pe, op, av, stepRows, part[..(Math.Min(width, stepColumns - c0) * op.K)], whole, got, width, c0, stepped);
                }

                GemmResult want = pe.Numerics(op.Activation, op.Weight).Reference(a, w);
                accumulator = want.Accumulator;
                overflows += got.Overflows;
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < width; j++)
                    {
                        int at = (i * width) + j;
                        if (BitConverter.DoubleToInt64Bits(got.Values[at]) != BitConverter.DoubleToInt64Bits(want.Values[at]))
                        {
                            differ++;
                            long index = ((long)i * columns) + c0 + j;
                            if (first < 0 || index < first)
                            {
                                (first, firstGot, firstWant) = (index, got.Values[at], want.Values[at]);
                            }
                        }
                    }
                }

                Error(av, part, rows, width, op.K, got.Values, signalByRow, noiseByRow);
            }

            for (int i = 0; i < rows; i++)
            {
                (signal, noise) = (signal + signalByRow[i], noise + noiseByRow[i]);
            }
        }
        catch (ArgumentException e)
        {
            // Operand files can hold what no scale of the format reaches (or NaN); the timing stands, the check cannot.
            return FunctionalOutcome.Skipped($"operands from {Path.GetFileName(op.ActivationFile) ?? "synthetic"} and {Path.GetFileName(op.WeightFile) ?? "synthetic"} "
                + $"cannot be quantized: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        string block = mode == FunctionalMode.Full
            ? $"all {(long)rows * columns} outputs"
            : $"outputs [{row0}..{row0 + rows - 1}]×[{column0}..{column0 + columns - 1}] ({(long)rows * columns} of {(long)op.M * op.N})";
        string source = op.ActivationFile is null && op.WeightFile is null ? "" :
            $"; operands from {Path.GetFileName(op.ActivationFile) ?? "synthetic"} and {Path.GetFileName(op.WeightFile) ?? "synthetic"}";
        string overflow = overflows > 0 ? $"; {overflows} accumulator overflows (wrapped)" : "";
        if (differ == 0 && stepped is { Differ: > 0 } s)
        {
            return new FunctionalOutcome("mismatch", $"{block}: the datapath emulated step by step differs from its shortcut in {s.Differ} of {s.Outputs} sampled outputs; "
                + $"first at ({row0 + s.Row}, {column0 + s.Column}): step by step {s.Stepped:R}, shortcut {s.Shortcut:R}{source}{overflow}", signal, noise, (long)rows * columns, overflows);
        }

        string sampled = stepped is { } t ? $"; {t.Outputs} of them also step by step" : "";
        if (differ == 0)
        {
            return new FunctionalOutcome("exact", $"{block}, K = {op.K}, bit-exact against the reference ({accumulator} accumulation){sampled}{source}{overflow}",
                signal, noise, (long)rows * columns, overflows);
        }

        long fi = first / columns, fj = first % columns;
        return new FunctionalOutcome("mismatch", $"{block}: {differ} outputs differ; first at ({row0 + fi}, {column0 + fj}): array {firstGot:R}, "
            + $"reference {firstWant:R}{source}{overflow}", signal, noise, (long)rows * columns, overflows);
    }

    /// <summary>How the step-by-step datapath compared with the shortcut on the sampled block.</summary>
    private readonly record struct StepCheck(long Outputs, long Differ, int Row, int Column, double Stepped, double Shortcut);

    /// <summary>
    /// A full check runs the PE's shortcuts (<see cref="IPeModel.Execute"/>); its first rows and columns, a sampled
    /// check's worth, are run again with every step of the datapath emulated (<see cref="IPeModel.ExecuteStepByStep"/>),
    /// so that the emulation itself keeps being checked. Operands are quantized as parts of the same tensors; the
    /// columns of this slice in the block are compared, and added to what earlier slices found.
    /// </summary>
    private static StepCheck StepByStep(IPeModel pe, GemmOp op, ReadOnlySpan<double> av, int rows, ReadOnlySpan<double> columns, TensorRange weightRange,
        GemmResult got, int width, int firstColumn, StepCheck? before)
    {
        int count = columns.Length / op.K;
        QuantizedTensor a = op.Activation.QuantizePart(av[..(rows * op.K)], rows, op.K, op.Activation.NeedsWholeTensor ? TensorRange.Of(av) : default);
        QuantizedTensor w = op.Weight.QuantizePart(columns, count, op.K, weightRange);
        GemmResult stepped = pe.ExecuteStepByStep(a, w);
        StepCheck check = before ?? new StepCheck(0, 0, int.MaxValue, 0, 0, 0);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < count; j++)
            {
                double one = stepped.Values[(i * count) + j], other = got.Values[(i * width) + j];
                if (BitConverter.DoubleToInt64Bits(one) == BitConverter.DoubleToInt64Bits(other))
                {
                    continue;
                }

                bool earlier = i < check.Row || (i == check.Row && firstColumn + j < check.Column);
                check = earlier ? check with { Differ = check.Differ + 1, Row = i, Column = firstColumn + j, Stepped = one, Shortcut = other }
                    : check with { Differ = check.Differ + 1 };
            }
        }

        return check with { Outputs = check.Outputs + ((long)rows * count) };
    }

    /// <summary>Weight elements checked per slice (16 MB of doubles), or as many as the activations if those are more
    /// (each slice re-reads them).</summary>
    internal const long SliceElements = 1 << 21;

    /// <summary>The next slice of weight columns, each a vector of K: from the operand file, or the synthetic stream's next.</summary>
    private static void Weights(SyntheticSamples samples, double[]? file, GemmOp op, int firstColumn, Span<double> slice)
    {
        if (file is null)
        {
            samples.Fill(slice);
        }
        else
        {
            Columns(file, op.K, op.N, firstColumn, slice.Length / op.K, slice);
        }
    }

    /// <summary>Adds Σ ideal² and Σ (ideal − result)² of each row's outputs in these columns to its sums, the ideal being
    /// the FP64 product of the unquantized operands.</summary>
    private static void Error(ReadOnlySpan<double> a, ReadOnlySpan<double> wByColumn, int m, int n, int k, double[] result, double[] signal, double[] noise)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double ideal = 0;
                for (int x = 0; x < k; x++)
                {
                    ideal += a[(i * k) + x] * wByColumn[(j * k) + x];
                }

                double error = ideal - result[(i * n) + j];
                signal[i] += ideal * ideal;
                noise[i] += error * error;
            }
        }
    }

    /// <summary>Writes columns [first, first + count) of a row-major K×N matrix, each as a vector of K (how W is stored).</summary>
    private static void Columns(double[] kByN, int k, int n, int first, int count, Span<double> vectors)
    {
        for (int j = 0; j < count; j++)
        {
            for (int x = 0; x < k; x++)
            {
                vectors[(j * k) + x] = kByN[(x * n) + first + j];
            }
        }
    }
}
