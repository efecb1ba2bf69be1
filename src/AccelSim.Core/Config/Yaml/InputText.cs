using System.Text;

namespace AccelSim.Config.Yaml;

/// <summary>
/// Reads an input file as text, bounded: a file larger than any sensible input (or one that never ends, such as
/// <c>/dev/zero</c>) is refused after its first bytes, a directory is named as one, and the encoding is UTF-8 with or
/// without a byte-order mark.
/// </summary>
public static class InputText
{
    /// <summary>The largest design, workload, preset or sweep file read: far above any real one.</summary>
    public const long MaxYamlBytes = 4L << 20;

    /// <summary>The largest CSV read (GEMM, request and routing traces).</summary>
    public const long MaxCsvBytes = 256L << 20;

    public static bool TryRead(string path, long maxBytes, out string text, out string error)
    {
        text = "";
        if (Directory.Exists(path))
        {
            error = $"'{path}' is a directory, not a file";
            return false;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new MemoryStream();
            byte[] chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    error = $"'{path}' is larger than {maxBytes >> 20} MiB (or never ends); not an input AccelSim reads";
                    return false;
                }
            }

            buffer.Position = 0;
            using var reader = new StreamReader(buffer, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
            error = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read '{path}': {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}";
            return false;
        }
    }
}
