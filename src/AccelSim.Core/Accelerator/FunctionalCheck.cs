using AccelSim.Hardware;
using AccelSim.Numerics;
using AccelSim.Workloads;

namespace AccelSim.Accelerator;

/// <summary>
/// Runs a GEMM's outputs through the PE's own datapath and compares them bit for bit with the reference GEMM
/// computed independently under the PE's stated accumulation semantics. Operands are seeded synthetic tensors
/// (Gaussian activations, Laplace weights) quantized to the operation's formats. The same block also measures
/// the quantization error: the array's result against the FP64 product of the operands before quantization.
/// </summary>
public static class FunctionalCheck
{
    /// <summary>The most MACs a sampled check runs per GEMM, so a default run of a whole model stays quick.</summary>
    public const long SampleMacs = 1 << 18;

    public static FunctionalOutcome Run(IPeModel pe, GemmOp op, FunctionalMode mode, int seed, int opIndex)
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
        Span<double> wv = OperandBuffers.Weights(columns * op.K);
        if (op.ActivationFile is null)
        {
            SyntheticTensor.Fill(Distribution.Gaussian, av, rows, op.K, operandSeed);
        }
        else
        {
            NpyArray.Load(op.ActivationFile, out _)!.Values.AsSpan(row0 * op.K, rows * op.K).CopyTo(av);
        }

        if (op.WeightFile is null)
        {
            SyntheticTensor.Fill(Distribution.Laplace, wv, columns, op.K, operandSeed + 1);
        }
        else
        {
            Columns(NpyArray.Load(op.WeightFile, out _)!.Values, op.K, op.N, column0, columns, wv);
        }

        QuantizedTensor a, w;
        try
        {
            a = op.Activation.Quantize(av, rows, op.K);
            w = op.Weight.Quantize(wv, columns, op.K);
        }
        catch (ArgumentException e)
        {
            // Operand files can hold what no scale of the format reaches (or NaN); the timing stands, the check cannot.
            return FunctionalOutcome.Skipped($"operands from {Path.GetFileName(op.ActivationFile) ?? "synthetic"} and {Path.GetFileName(op.WeightFile) ?? "synthetic"} "
                + $"cannot be quantized: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        GemmResult got = pe.Execute(a, w);
        GemmResult want = pe.Numerics(op.Activation, op.Weight).Reference(a, w);
        int differ = 0;
        int first = -1;
        for (int i = 0; i < want.Values.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(got.Values[i]) != BitConverter.DoubleToInt64Bits(want.Values[i]))
            {
                differ++;
                first = first < 0 ? i : first;
            }
        }

        string block = mode == FunctionalMode.Full
            ? $"all {(long)rows * columns} outputs"
            : $"outputs [{row0}..{row0 + rows - 1}]×[{column0}..{column0 + columns - 1}] ({(long)rows * columns} of {(long)op.M * op.N})";
        string source = op.ActivationFile is null && op.WeightFile is null ? "" :
            $"; operands from {Path.GetFileName(op.ActivationFile) ?? "synthetic"} and {Path.GetFileName(op.WeightFile) ?? "synthetic"}";
        string overflow = got.Overflows > 0 ? $"; {got.Overflows} accumulator overflows (wrapped)" : "";
        (double signal, double noise) = Error(av, wv, rows, columns, op.K, got.Values);
        if (differ == 0)
        {
            return new FunctionalOutcome("exact", $"{block}, K = {op.K}, bit-exact against the reference ({want.Accumulator} accumulation){source}{overflow}",
                signal, noise, (long)rows * columns, got.Overflows);
        }

        int fi = first / columns, fj = first % columns;
        return new FunctionalOutcome("mismatch", $"{block}: {differ} outputs differ; first at ({row0 + fi}, {column0 + fj}): array {got.Values[first]:R}, "
            + $"reference {want.Values[first]:R}{source}{overflow}", signal, noise, (long)rows * columns, got.Overflows);
    }

    /// <summary>Σ ideal² and Σ (ideal − result)², the ideal being the FP64 product of the unquantized operands.</summary>
    private static (double Signal, double Noise) Error(ReadOnlySpan<double> a, ReadOnlySpan<double> wByColumn, int m, int n, int k, double[] result)
    {
        double signal = 0, noise = 0;
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
                signal += ideal * ideal;
                noise += error * error;
            }
        }

        return (signal, noise);
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
