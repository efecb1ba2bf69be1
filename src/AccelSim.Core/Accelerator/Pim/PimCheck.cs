using AccelSim.Memory.Pim;
using AccelSim.Numerics;
using AccelSim.Workloads;

namespace AccelSim.Accelerator.Pim;

/// <summary>
/// Runs a decode's attention GEMVs through the PIM banks' own datapath and compares them bit for bit with the
/// reference GEMV (an FP32 latch fed one exactly summed access at a time), on the first request's shapes: QKᵀ over
/// its K cache and PV over its transposed V cache, with seeded synthetic operands (Gaussian queries and
/// probabilities, Laplace caches). Also measures the error against the FP64 product of the unquantized operands.
/// </summary>
public static class PimCheck
{
    public static IReadOnlyList<(string Name, FunctionalOutcome Outcome)> Run(PimChannel pim, BatchedDecode decode, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(pim);
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentNullException.ThrowIfNull(options);
        int keys = decode.Contexts[0] + 1, d = decode.Model.HeadDim, queries = decode.Model.QueriesPerKvHead;
        if (options.Functional == FunctionalMode.Off)
        {
            return [("pim qk", FunctionalOutcome.Skipped("functional checking is off")), ("pim pv", FunctionalOutcome.Skipped("functional checking is off"))];
        }

        return
        [
            ("pim qk", Check(pim, decode, queries, keys, d, options.Seed)),
            ("pim pv", Check(pim, decode, queries, d, keys, unchecked(options.Seed + 1))),
        ];
    }

    private static FunctionalOutcome Check(PimChannel pim, BatchedDecode decode, int vectors, int outputs, int length, int seed)
    {
        double[] x = SyntheticTensor.Generate(Distribution.Gaussian, vectors, length, seed);
        double[] w = SyntheticTensor.Generate(Distribution.Laplace, outputs, length, unchecked(seed + 7919));
        QuantizedTensor input = decode.Activations.Quantize(x, vectors, length);
        QuantizedTensor matrix = decode.KvCache.Quantize(w, outputs, length);
        GemmResult got = pim.Execute(input, matrix);
        GemmResult want = pim.Reference(input, matrix);
        double[] ideal = ReferenceGemm.Exact(x, w, vectors, outputs, length);
        int differ = 0;
        double signal = 0, noise = 0;
        for (int i = 0; i < want.Values.Length; i++)
        {
            differ += BitConverter.DoubleToInt64Bits(got.Values[i]) == BitConverter.DoubleToInt64Bits(want.Values[i]) ? 0 : 1;
            signal += ideal[i] * ideal[i];
            noise += (ideal[i] - got.Values[i]) * (ideal[i] - got.Values[i]);
        }

        string shape = $"{vectors}×{outputs} outputs, K = {length}, {decode.Activations.Name} × {decode.KvCache.Name}";
        return differ == 0
            ? new FunctionalOutcome("exact", $"{shape}: bit-exact against the reference (FP32 latch per {pim.Spec.ElementsPerAccess(decode.KvCache)}-element access)", signal, noise, want.Values.Length)
            : new FunctionalOutcome("mismatch", $"{shape}: {differ} outputs differ from the reference", signal, noise, want.Values.Length);
    }
}
