using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AccelSim.Workloads;

/// <summary>
/// A C-ordered array read from a NumPy <c>.npy</c> file (format versions 1 to 3), as doubles. Reads little-endian
/// float16/32/64 and signed or unsigned 8- to 64-bit integers; refuses Fortran order and anything else, saying why.
/// </summary>
public sealed partial class NpyArray
{
    private NpyArray(int[] shape, double[] values)
    {
        Shape = shape;
        Values = values;
    }

    public IReadOnlyList<int> Shape { get; }

    public double[] Values { get; }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    /// <summary>Reads only the header: the shape, or why the file cannot be used.</summary>
    public static bool TryReadShape(string path, out int[] shape, out string error) => TryRead(path, headerOnly: true, out shape, out _, out error);

    public static NpyArray? Load(string path, out string error) =>
        TryRead(path, headerOnly: false, out int[] shape, out double[] values, out error) ? new NpyArray(shape, values) : null;

    private static bool TryRead(string path, bool headerOnly, out int[] shape, out double[] values, out string error)
    {
        shape = [];
        values = [];
        byte[] bytes;
        try
        {
            bytes = ReadPrefix(path, 65536);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error = $"cannot read '{path}': {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}";
            return false;
        }

        if (bytes.Length < 12 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            error = $"'{path}' is not a .npy file (no \\x93NUMPY magic)";
            return false;
        }

        int major = bytes[6];
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int start = major == 1 ? 10 : 12;
        if (major is < 1 or > 3 || start + headerLength > bytes.Length)
        {
            error = $"'{path}': unsupported .npy version {major} or truncated header";
            return false;
        }

        string header = Encoding.ASCII.GetString(bytes, start, (int)headerLength);
        Match descr = Descr().Match(header), fortran = FortranOrder().Match(header), dims = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !dims.Success)
        {
            error = $"'{path}': cannot read the .npy header '{header.Trim()}'";
            return false;
        }

        if (fortran.Groups[1].Value == "True")
        {
            error = $"'{path}' is in Fortran order; save it C-ordered (np.ascontiguousarray)";
            return false;
        }

        string[] extents = dims.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        shape = new int[extents.Length];
        long count = 1;
        for (int d = 0; d < extents.Length; d++)
        {
            // An array AccelSim holds whole: each extent an int, the element count within one .NET array.
            if (!int.TryParse(extents[d], NumberStyles.None, CultureInfo.InvariantCulture, out shape[d]) || (count *= shape[d]) > Array.MaxLength)
            {
                error = $"'{path}': shape ({dims.Groups[1].Value}) is not an array of at most {Array.MaxLength} elements";
                shape = [];
                return false;
            }
        }

        string type = descr.Groups[1].Value;
        int size = type switch
        {
            "<f2" => 2, "<f4" => 4, "<f8" => 8, "|i1" or "|u1" => 1, "<i2" or "<u2" => 2, "<i4" or "<u4" => 4, "<i8" => 8, _ => 0,
        };
        if (size == 0)
        {
            error = $"'{path}' holds '{type}'; AccelSim reads little-endian float16/32/64 and integers";
            return false;
        }

        error = "";
        if (headerOnly)
        {
            return true;
        }

        // Exactly the bytes the header promises, no more: a device that never ends is not read to its end.
        long offset = start + headerLength;
        try
        {
            bytes = ReadPrefix(path, offset + (count * size));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error = $"cannot read '{path}': {e.Message}";
            return false;
        }

        if (offset + (count * size) > bytes.Length)
        {
            error = $"'{path}' is truncated: the header promises {count} elements of {size} bytes";
            return false;
        }

        values = new double[count];
        ReadOnlySpan<byte> data = bytes.AsSpan((int)offset);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> at = data.Slice(i * size, size);
            values[i] = type switch
            {
                "<f2" => (double)BinaryPrimitives.ReadHalfLittleEndian(at),
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(at),
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(at),
                "|i1" => unchecked((sbyte)at[0]),
                "|u1" => at[0],
                "<i2" => BinaryPrimitives.ReadInt16LittleEndian(at),
                "<u2" => BinaryPrimitives.ReadUInt16LittleEndian(at),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(at),
                "<u4" => BinaryPrimitives.ReadUInt32LittleEndian(at),
                _ => BinaryPrimitives.ReadInt64LittleEndian(at),
            };
        }

        return true;
    }

    /// <summary>The file's first <paramref name="length"/> bytes, or all of it if shorter; never reads past them.</summary>
    private static byte[] ReadPrefix(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (length > Array.MaxLength)
        {
            throw new IOException($"the data ({length} bytes) is larger than one array holds");
        }

        var buffer = new byte[length];
        int filled = 0, read;
        while (filled < buffer.Length && (read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
        {
            filled += read;
        }

        return filled == buffer.Length ? buffer : buffer[..filled];
    }
}
