using AccelSim.Numerics;
using AccelSim.Workloads;
using AccelSim.Workloads.Moe;

namespace AccelSim.Accelerator.Moe;

/// <summary>
/// Measures how far a policy's MoE layer output is from the full-precision one, on synthetic data: for sampled
/// (token, layer) pairs, a Gaussian input and Gaussian experts (seeded per layer and expert) run as gated FFNs.
/// The reference is Σ gate · FFN(x) in FP64 with unquantized operands over every chosen expert. The policy's output
/// quantizes the input and the FFN's intermediate to the activation format, each run expert's weights to the
/// precision it ran in, and drops the skipped experts. The matrices keep the real formats (groups and scales) but
/// are <see cref="Hidden"/> × <see cref="Width"/>, smaller than the model's, so measuring costs little; quantization
/// error per element does not depend on the matrix size. Shared experts (<paramref name="sharedExperts"/>, which
/// every token runs) are resident in the model's weight format <paramref name="sharedFormat"/> and added to both
/// outputs with gate one, so their own quantization error counts and they dilute the routed experts' error as they
/// do in the model.
/// </summary>
internal sealed class MoeLayerError(
    VectorOpKind activation, NumericFormat activations, Func<ExpertPrecision, NumericFormat> formatOf, int sharedExperts, NumericFormat sharedFormat, int seed)
{
    public const int Hidden = 128;
    public const int Width = 384;

    private readonly Dictionary<(int Layer, int Expert), double[][]> exact = [];
    private readonly Dictionary<ExpertKey, double[][]> quantized = [];
    private readonly Dictionary<(int Layer, int Shared), double[][]> sharedQuantized = [];
    private double signal;
    private double noise;

    public int Samples { get; private set; }

    /// <summary>Pooled SQNR over the samples in dB; null before any; infinite when the outputs agree exactly.</summary>
    public double? SqnrDb => Samples == 0 ? null : noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);

    /// <summary>Adds one (token, layer): the router's choices and the precision each ran in (or Skip).</summary>
    public void Add(int token, int layer, IReadOnlyList<ExpertChoice> choices, IReadOnlyList<ExpertPrecision> used)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(used);
        double[] x = SyntheticTensor.Generate(Distribution.Gaussian, 1, Hidden, Seed(token, layer, -1));
        double[] xq = activations.Quantize(x, 1, Hidden).Dequantize();
        var reference = new double[Hidden];
        var policy = new double[Hidden];
        for (int i = 0; i < choices.Count; i++)
        {
            double gate = choices[i].GateWeight;
            Accumulate(reference, gate, Ffn(x, Exact(layer, choices[i].Expert), quantizeHidden: false));
            if (used[i] != ExpertPrecision.Skip)
            {
                Accumulate(policy, gate, Ffn(xq, Quantized(new ExpertKey(layer, choices[i].Expert, used[i])), quantizeHidden: true));
            }
        }

        for (int s = 0; s < sharedExperts; s++)
        {
            Accumulate(reference, 1, Ffn(x, Exact(layer, SharedId(s)), quantizeHidden: false));
            Accumulate(policy, 1, Ffn(xq, Shared(layer, s), quantizeHidden: true));
        }

        for (int j = 0; j < Hidden; j++)
        {
            signal += reference[j] * reference[j];
            double d = reference[j] - policy[j];
            noise += d * d;
        }

        Samples++;
    }

    private static void Accumulate(double[] into, double gate, double[] y)
    {
        for (int j = 0; j < into.Length; j++)
        {
            into[j] += gate * y[j];
        }
    }

    /// <summary>down · (act(gate · x) ⊙ (up · x)), the intermediate rounded to the activation format when the device would hold it so.</summary>
    private double[] Ffn(double[] x, double[][] weights, bool quantizeHidden)
    {
        double[] gate = MatVec(weights[0], Width, Hidden, x), up = MatVec(weights[1], Width, Hidden, x);
        var h = new double[Width];
        for (int i = 0; i < Width; i++)
        {
            h[i] = Activate(gate[i]) * up[i];
        }

        if (quantizeHidden)
        {
            h = activations.Quantize(h, 1, Width).Dequantize();
        }

        return MatVec(weights[2], Hidden, Width, h);
    }

    private double Activate(double v) => activation switch
    {
        VectorOpKind.Relu => Math.Max(0, v),
        VectorOpKind.Gelu => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + (0.044715 * v * v * v)))),
        _ => v / (1 + Math.Exp(-v)),
    };

    /// <summary>y = W·x for W rows×cols, row-major (each row one output: a weight vector along K).</summary>
    private static double[] MatVec(double[] w, int rows, int cols, double[] x)
    {
        var y = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            int offset = r * cols;
            for (int c = 0; c < cols; c++)
            {
                sum += w[offset + c] * x[c];
            }

            y[r] = sum;
        }

        return y;
    }

    /// <summary>Gate and up (Width × Hidden) and down (Hidden × Width), scaled by 1/√K so the activations stay of order one.</summary>
    private double[][] Exact(int layer, int expert)
    {
        if (!exact.TryGetValue((layer, expert), out double[][]? w))
        {
            w =
            [
                Scaled(SyntheticTensor.Generate(Distribution.Gaussian, Width, Hidden, Seed(layer, expert, 0)), Hidden),
                Scaled(SyntheticTensor.Generate(Distribution.Gaussian, Width, Hidden, Seed(layer, expert, 1)), Hidden),
                Scaled(SyntheticTensor.Generate(Distribution.Gaussian, Hidden, Width, Seed(layer, expert, 2)), Width),
            ];
            exact[(layer, expert)] = w;
        }

        return w;
    }

    private double[][] Quantized(ExpertKey key)
    {
        if (!quantized.TryGetValue(key, out double[][]? w))
        {
            w = Quantize(Exact(key.Layer, key.Expert), formatOf(key.Precision));
            quantized[key] = w;
        }

        return w;
    }

    private double[][] Shared(int layer, int shared)
    {
        if (!sharedQuantized.TryGetValue((layer, shared), out double[][]? w))
        {
            w = Quantize(Exact(layer, SharedId(shared)), sharedFormat);
            sharedQuantized[(layer, shared)] = w;
        }

        return w;
    }

    /// <summary>Shared experts draw their weights from seeds no routed expert uses.</summary>
    private static int SharedId(int shared) => -2 - shared;

    private static double[][] Quantize(double[][] e, NumericFormat format) =>
    [
        format.Quantize(e[0], Width, Hidden).Dequantize(),
        format.Quantize(e[1], Width, Hidden).Dequantize(),
        format.Quantize(e[2], Hidden, Width).Dequantize(),
    ];

    private static double[] Scaled(double[] values, int k)
    {
        double s = 1 / Math.Sqrt(k);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= s;
        }

        return values;
    }

    private int Seed(int a, int b, int c) => unchecked((((seed * 1_000_003) + a) * 7919) + (b * 131) + c) & int.MaxValue;
}
