using AccelSim.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AccelSim.Benchmarks;

/// <summary>
/// The exact INT8×INT8, INT4×INT8 and group-wise INT4 (INT32 accumulation) fast paths against the straightforward scalar loop, on
/// a square GEMM and a decode-shaped GEMV. Run: dotnet run -c Release --project tests/AccelSim.Benchmarks -- --filter '*IntegerGemm*'
/// </summary>
[Config(typeof(Settings))]
public class IntegerGemmBenchmarks
{
    private sbyte[] a = [];
    private sbyte[] w = [];
    private byte[] w4 = [];
    private byte[] zeros = [];
    private int[] groupSums = [];
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
        zeros = [.. Enumerable.Range(0, n * (k / 128)).Select(_ => (byte)random.Next(16))];
        groupSums = new int[n * (k / 128)];
    }

    [Benchmark(Baseline = true)]
    public void ScalarInt8() => IntegerGemm.MultiplyScalar(a, w, c, m, n, k);

    /// <summary>On the fastest kernel this CPU runs (<see cref="IntegerGemm.Best"/>).</summary>
    [Benchmark]
    public void FastInt8() => IntegerGemm.Multiply(a, w, c, m, n, k);

    /// <summary>On the next one down, where VNNI is the best: what VNNI adds.</summary>
    [Benchmark]
    public void FastInt8BelowBest() => IntegerGemm.Multiply(a, w, c, m, n, k, Enum.GetValues<IntegerKernel>().Last(kernel => kernel < IntegerGemm.Best && IntegerGemm.Runs(kernel)));

    [Benchmark]
    public void FastInt4Weights() => IntegerGemm.MultiplyInt4Weights(a, w4, c, m, n, k);

    /// <summary>Group-wise INT4 (g128, with zero points) against one row: a GEMV kernel only, so the square shape runs it row by row.</summary>
    [Benchmark]
    public void FastInt4Group128()
    {
        for (int row = 0; row < m; row++)
        {
            Int4GroupGemv.Multiply(row == 0 && m == 1 ? a : a[(row * k)..((row + 1) * k)], w4, zeros, groupSums, n, k, 128);
        }
    }

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddColumn(new GmacPerSecondColumn());
        }
    }
}
