using AccelSim.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AccelSim.Benchmarks;

/// <summary>
/// The exact INT8×INT8 and INT4×INT8 (INT32 accumulation) fast path against the straightforward scalar loop, on
/// a square GEMM and a decode-shaped GEMV. Run: dotnet run -c Release --project tests/AccelSim.Benchmarks -- --filter '*IntegerGemm*'
/// </summary>
[Config(typeof(Settings))]
public class IntegerGemmBenchmarks
{
    private sbyte[] a = [];
    private sbyte[] w = [];
    private byte[] w4 = [];
    private int[] c = [];
    private int m;
    private int n;
    private int k;

    [Params("1024x1024x1024", "1x4096x4096")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        int[] dims = [.. Shape.Split('x').Select(int.Parse)];
        (m, n, k) = (dims[0], dims[1], dims[2]);
        var random = new Random(1);
        a = [.. Enumerable.Range(0, m * k).Select(_ => (sbyte)random.Next(-128, 128))];
        w = [.. Enumerable.Range(0, n * k).Select(_ => (sbyte)random.Next(-128, 128))];
        w4 = BitPacking.Pack([.. Enumerable.Range(0, n * k).Select(_ => (uint)random.Next(16))], 4);
        c = new int[m * n];
    }

    [Benchmark(Baseline = true)]
    public void ScalarInt8() => IntegerGemm.MultiplyScalar(a, w, c, m, n, k);

    [Benchmark]
    public void FastInt8() => IntegerGemm.Multiply(a, w, c, m, n, k);

    [Benchmark]
    public void FastInt4Weights() => IntegerGemm.MultiplyInt4Weights(a, w4, c, m, n, k);

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddColumn(new GmacPerSecondColumn());
        }
    }
}
