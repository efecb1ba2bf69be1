using System.Text;
using AccelSim.Workloads;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Workloads;

public class NpyArrayTests
{
    /// <summary>Writes a version 1.0 .npy file the way numpy.save does: magic, header dict padded to 64 bytes, then data.</summary>
    internal static string WriteNpy(string directory, string name, string descr, int[] shape, byte[] data)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, .. "NUMPY"u8, 1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8)]);
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(data);
        string path = Path.Combine(directory, name);
        File.WriteAllBytes(path, stream.ToArray());
        return path;
    }

    private static byte[] Floats(IEnumerable<float> values) => [.. values.SelectMany(BitConverter.GetBytes)];

    [Fact]
    public void Load_ReadsShapeAndValues()
    {
        string dir = TempDirectory();
        string f4 = WriteNpy(dir, "a.npy", "<f4", [2, 3], Floats([1.5f, -2, 3, 0.25f, 5, -6]));
        NpyArray array = NpyArray.Load(f4, out string error)!;
        Assert.Equal("", error);
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal([1.5, -2, 3, 0.25, 5, -6], array.Values);
        string i1 = WriteNpy(dir, "b.npy", "|i1", [4], [0xFF, 0x80, 0x7F, 0x00]);
        Assert.Equal([-1, -128, 127, 0], NpyArray.Load(i1, out _)!.Values);
    }

    [Fact]
    public void Load_RefusesWhatItCannotRead()
    {
        string dir = TempDirectory();
        Assert.Null(NpyArray.Load(WriteNpy(dir, "c.npy", ">f4", [1], new byte[4]), out string error));
        Assert.Contains("holds '>f4'", error, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "d.npy"), "not numpy");
        Assert.Null(NpyArray.Load(Path.Combine(dir, "d.npy"), out error));
        Assert.Contains("not a .npy file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WithNpyOperands_ChecksThemBitExactly_AndRejectsWrongShapes()
    {
        string dir = TempDirectory();
        var random = new Random(5);
        WriteNpy(dir, "x.npy", "<f4", [3, 40], Floats(Enumerable.Range(0, 120).Select(_ => (float)random.NextDouble() - 0.5f)));
        WriteNpy(dir, "w.npy", "<f4", [40, 20], Floats(Enumerable.Range(0, 800).Select(_ => (float)random.NextDouble() - 0.5f)));
        string good = Write(dir, "good.yaml", "kind: gemm\nops:\n  - {name: g, m: 3, n: 20, k: 40, activations: x.npy, weights: w.npy}\n");
        (int exit, _, string error) = Run("run", "--workload", good, "--out", dir, "--functional", "full");
        Assert.True(exit == 0, error);
        Dictionary<string, string> op = Assert.Single(ReadOps(dir));
        Assert.Equal("exact", op["functional_check"]);
        Assert.Contains("operands from x.npy and w.npy", op["functional_detail"], StringComparison.Ordinal);

        string bad = Write(dir, "bad.yaml", "kind: gemm\nops:\n  - {name: g, m: 3, n: 20, k: 40, activations: w.npy}\n");
        (exit, _, error) = Run("validate", bad);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{bad}:3:48: ops[g].activations: 'w.npy' has shape (40, 20), not M×K = (3, 40)", error, StringComparison.Ordinal);
    }
}
