using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AccelSim.Config.Yaml;
using CsvHelper;

namespace AccelSim.Sweep;

/// <summary>
/// A sweep's results directory. Each finished point is appended at once to <c>results.jsonl</c> (the journal resume
/// reads) and <c>results.csv</c>, flushed, so a run that dies loses at most the points still running. A line cut off
/// by a kill is dropped on resume and its point runs again. <see cref="Finish"/> marks the Pareto front and rewrites
/// both files in point order (through a temporary file and a rename), so the finished directory is the same bytes
/// whatever order points finished in.
/// </summary>
public sealed class ResultsJournal : IDisposable
{
    public const string JournalFile = "results.jsonl";
    public const string CsvFile = "results.csv";
    public const string ManifestFile = "sweep.json";

    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock gate = new();
    private readonly string directory;
    // The points in the directory, by index: only their indices are kept, the results are on disk.
    private readonly HashSet<int> done;
    private StreamWriter? journal;
    private StreamWriter? csv;

    // Held open, unshared, while the journal is: a second sweep, resume or merge into the folder is refused.
    private FileStream? folderLock;

    public const string LockFile = ".accelsim.lock";

    private ResultsJournal(string directory, SweepManifest manifest, HashSet<int> done)
    {
        this.directory = directory;
        Manifest = manifest;
        this.done = done;
    }

    public SweepManifest Manifest { get; }

    /// <summary>The indices of the points in the directory (from an earlier run, when resuming, and appended since).</summary>
    public IReadOnlySet<int> Done => done;

    public static IReadOnlyList<string> Columns(SweepManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return ["index", "status", "pareto", "design", "pe_kind", "workload", .. manifest.Axes, .. PointMetrics.Columns.Select(c => c.Name), "error"];
    }

    /// <summary>
    /// Opens <paramref name="directory"/> for <paramref name="manifest"/>'s sweep. A directory that already holds
    /// results is only continued with <paramref name="resume"/>, and only by the same sweep: nothing is overwritten.
    /// </summary>
    public static ResultsJournal? Open(string directory, SweepManifest manifest, bool resume, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(diagnostics);
        SourceLocation at = SourceLocation.CommandLine("--out");
        if (File.Exists(directory))
        {
            diagnostics.Add(at, "", $"'{directory}' is a file; the results need a directory");
            return null;
        }

        string journalPath = Path.Combine(directory, JournalFile);
        bool exists = File.Exists(journalPath) && new FileInfo(journalPath).Length > 0;
        if (exists && !resume)
        {
            diagnostics.Add(at, "", $"'{directory}' already holds sweep results; continue them with --resume, or choose another --out");
            return null;
        }

        if (!exists && new[] { CsvFile, ManifestFile }.FirstOrDefault(f => File.Exists(Path.Combine(directory, f))) is string stray)
        {
            diagnostics.Add(at, "", $"'{directory}' holds a {stray} that no sweep journal goes with; AccelSim does not overwrite a file it did not write: choose another --out");
            return null;
        }

        FileStream? folderLock = null;
        try
        {
            Directory.CreateDirectory(directory);
            folderLock = new FileStream(Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            diagnostics.Add(at, "", $"'{directory}' is in use by another accelsim sweep, resume or merge; wait for it to finish, or choose another --out");
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            diagnostics.Add(at, "", $"cannot write into '{directory}': {e.Message}");
            return null;
        }

        var done = new HashSet<int>();
        JournalIndex? earlierPoints = null;
        if (exists)
        {
            SweepManifest? earlier = SweepManifest.Read(Path.Combine(directory, ManifestFile), diagnostics);
            if (earlier is null)
            {
                folderLock.Dispose();
                return null;
            }

            if (earlier.Fingerprint != manifest.Fingerprint)
            {
                diagnostics.Add(at, "", $"'{directory}' holds results of another version of the sweep (fingerprint {earlier.Fingerprint}, now {manifest.Fingerprint}): "
                    + "the spec or a file it reads (a design, workload, preset, model or trace) changed; use another --out");
                folderLock.Dispose();
                return null;
            }

            if (earlier.Shard != manifest.Shard)
            {
                diagnostics.Add(at, "", $"'{directory}' holds the results of shard {earlier.Shard}, not {manifest.Shard}: resuming there would mix the shards; "
                    + $"resume shard {manifest.Shard} in its own directory");
                folderLock.Dispose();
                return null;
            }

            earlierPoints = new JournalIndex(manifest.Objectives);
            earlierPoints.Add(journalPath, diagnostics);
            if (diagnostics.HasErrors || !earlierPoints.Order(diagnostics))
            {
                folderLock.Dispose();
                return null;
            }

            done.UnionWith(earlierPoints.Indices);
        }

        Directory.CreateDirectory(directory);
        var store = new ResultsJournal(directory, manifest, done) { folderLock = folderLock };
        manifest.Write(Path.Combine(directory, ManifestFile));
        // A resumed journal is rewritten first, in point order: a line cut off by a kill would otherwise sit before the new ones.
        store.Write(earlierPoints?.Read(null) ?? []);
        store.journal = new StreamWriter(journalPath, append: true, new UTF8Encoding(false));
        store.csv = new StreamWriter(Path.Combine(directory, CsvFile), append: true, new UTF8Encoding(false));
        return store;
    }

    /// <summary>A results directory's manifest, or null (with the error) when the directory is not one.</summary>
    public static SweepManifest? ManifestOf(string directory, Diagnostics diagnostics)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(diagnostics);
        string manifestPath = Path.Combine(directory, ManifestFile), journalPath = Path.Combine(directory, JournalFile);
        if (!File.Exists(manifestPath) || !File.Exists(journalPath))
        {
            diagnostics.Add(new SourceLocation(directory, 1, 1), "", $"not a sweep results directory: it needs {ManifestFile} and {JournalFile}");
            return null;
        }

        return SweepManifest.Read(manifestPath, diagnostics);
    }

    /// <summary>
    /// Every point in a journal, read as a stream, with the byte its line starts at and the line's length. A line that
    /// does not parse is reported unless it is the last (cut off by a kill while it was written).
    /// </summary>
    internal static IEnumerable<(long Offset, int Bytes, PointResult Result)> ResultsOf(string journalPath, Diagnostics diagnostics)
    {
        int lineNumber = 0, unreadable = 0;
        foreach ((long offset, int bytes, string text) in LinesOf(journalPath))
        {
            lineNumber++;
            if (text.Length == 0)
            {
                continue;
            }

            if (unreadable > 0)
            {
                diagnostics.Add(new SourceLocation(journalPath, unreadable, 1), "", "not a results line; the journal was changed by hand?");
                unreadable = 0;
            }

            if (ParseLine(text) is { } result)
            {
                yield return (offset, bytes, result);
            }
            else
            {
                unreadable = lineNumber;
            }
        }
    }

    public void Append(PointResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (gate)
        {
            done.Add(result.Index);
            journal!.Write(Line(result));
            journal.Write('\n');
            journal.Flush();
            csv!.Write(CsvRows([result], header: false));
            csv.Flush();
        }
    }

    /// <summary>
    /// Marks the Pareto front among every point so far and rewrites both files in point order, reading the journal
    /// back as a stream (<see cref="JournalIndex"/>): the results are never all in memory.
    /// </summary>
    public SweepSummary Finish()
    {
        lock (gate)
        {
            journal?.Dispose();
            csv?.Dispose();
            journal = csv = null;
        }

        var index = new JournalIndex(Manifest.Objectives);
        var diagnostics = new Diagnostics();
        index.Add(Path.Combine(directory, JournalFile), diagnostics);
        if (!index.Order(diagnostics) || diagnostics.HasErrors)
        {
            throw new InvalidOperationException($"The journal this run wrote does not read back: {string.Join("; ", diagnostics.Errors)}");
        }

        return Write(index.Read(index.Front()));
    }

    public void Dispose()
    {
        journal?.Dispose();
        csv?.Dispose();
        folderLock?.Dispose();
    }

    /// <summary>Writes <paramref name="text"/> through a temporary file and a rename, so a reader never sees half of it.</summary>
    internal static void Replace(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    private string CsvRows(IEnumerable<PointResult> results, bool header)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(text, results, header);
        return text.ToString();
    }

    private void WriteCsv(TextWriter text, IEnumerable<PointResult> results, bool header)
    {
        using CsvWriter writer = CsvWriter.Create(text, new CsvWriterOptions { NewLine = "\n" }, true);
        if (header)
        {
            writer.WriteHeader([.. Columns(Manifest)]);
        }

        foreach (PointResult r in results)
        {
            writer.WriteRecord(
            [
                r.Index.ToString(CultureInfo.InvariantCulture), r.Status, r.Pareto ? "true" : "false", r.Design, r.PeKind, r.WorkloadFile,
                .. r.Values, .. PointMetrics.Columns.Select(c => Number(r.Metric(c.Name))), r.Error,
            ]);
        }

        writer.Flush();
    }

    /// <summary>
    /// Writes both files from results given in point order (the front marked for a finished directory), streaming:
    /// neither the results nor the files are held whole (a merge of a million points), each file through a temporary
    /// file and a rename. Returns what they hold.
    /// </summary>
    public SweepSummary Write(IEnumerable<PointResult> inPointOrder)
    {
        ArgumentNullException.ThrowIfNull(inPointOrder);
        var tally = new SweepSummary.Tally(Manifest.Objectives);
        lock (gate)
        {
            journal?.Dispose();
            csv?.Dispose();
            journal = csv = null;
            string journalPath = Path.Combine(directory, JournalFile), csvPath = Path.Combine(directory, CsvFile);
            using (var lines = new StreamWriter(journalPath + ".tmp", append: false, new UTF8Encoding(false)))
            using (var rows = new StreamWriter(csvPath + ".tmp", append: false, new UTF8Encoding(false)))
            {
                WriteCsv(rows, Lines(inPointOrder, lines), header: true);
            }

            File.Move(journalPath + ".tmp", journalPath, overwrite: true);
            File.Move(csvPath + ".tmp", csvPath, overwrite: true);
        }

        return tally.Summary();

        // Each result's journal line is written as the CSV writer takes it: one pass over the results.
        IEnumerable<PointResult> Lines(IEnumerable<PointResult> results, StreamWriter lines)
        {
            foreach (PointResult r in results)
            {
                lines.Write(Line(r));
                lines.Write('\n');
                tally.Add(r);
                yield return r;
            }
        }
    }

    /// <summary>Every line of a journal with the byte it starts at and its length in bytes, read as a stream.</summary>
    internal static IEnumerable<(long Offset, int Bytes, string Text)> LinesOf(string journalPath)
    {
        using var reader = new StreamReader(journalPath, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        long offset = 0;
        while (reader.ReadLine() is string line)
        {
            int bytes = Encoding.UTF8.GetByteCount(line);
            yield return (offset, bytes, line);
            offset += bytes + 1;
        }
    }

    /// <summary>Shortest text that reads back as the same double; infinite SQNR (an exact result) as <c>inf</c>.</summary>
    public static string Number(double? value) => value switch
    {
        null => "",
        double v when double.IsPositiveInfinity(v) => "inf",
        double v when double.IsNegativeInfinity(v) => "-inf",
        double v => v.ToString("R", CultureInfo.InvariantCulture),
    };

    private static double? ParseNumber(string text) => text switch
    {
        "" => null,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private string Line(PointResult r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, LineOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("index", r.Index);
            json.WriteString("key", r.Key);
            json.WriteString("status", r.Status);
            json.WriteBoolean("pareto", r.Pareto);
            json.WriteString("design", r.Design);
            json.WriteString("pe_kind", r.PeKind);
            json.WriteString("design_file", r.DesignFile);
            json.WriteString("workload", r.WorkloadFile);
            json.WriteStartObject("settings");
            for (int i = 0; i < Manifest.Axes.Count && i < r.Values.Count; i++)
            {
                json.WriteString(Manifest.Axes[i], r.Values[i]);
            }

            json.WriteEndObject();
            json.WriteStartObject("metrics");
            foreach (MetricColumn column in PointMetrics.Columns)
            {
                if (r.Metric(column.Name) is not double v)
                {
                    continue;
                }

                if (double.IsFinite(v))
                {
                    json.WriteNumber(column.Name, v);
                }
                else
                {
                    json.WriteString(column.Name, Number(v));
                }
            }

            json.WriteEndObject();
            json.WriteString("error", r.Error);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static PointResult? ParseLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (JsonProperty metric in root.GetProperty("metrics").EnumerateObject())
            {
                metrics[metric.Name] = metric.Value.ValueKind == JsonValueKind.String ? ParseNumber(metric.Value.GetString() ?? "") : metric.Value.GetDouble();
            }

            return new PointResult(
                root.GetProperty("index").GetInt32(), root.GetProperty("key").GetString()!, root.GetProperty("design_file").GetString()!,
                root.GetProperty("workload").GetString()!, [.. root.GetProperty("settings").EnumerateObject().Select(p => p.Value.GetString()!)],
                root.GetProperty("design").GetString()!, root.GetProperty("pe_kind").GetString()!, root.GetProperty("status").GetString()!,
                root.GetProperty("error").GetString()!, metrics, root.GetProperty("pareto").GetBoolean());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
