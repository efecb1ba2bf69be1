using System.Text.Json;
using AccelSim.Events;

namespace AccelSim.Report;

/// <summary>
/// Writes a <see cref="Timeline"/> in Chrome's trace event format (opens in Perfetto and chrome://tracing); times in
/// µs. The process is named for the run, each track is a named thread in the order it first appears, and each span
/// carries its bytes and detail (a tile's shape) as arguments.
/// </summary>
public static class ChromeTrace
{
    public static void Write(Stream output, Timeline timeline, string process = "AccelSim")
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var tracks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (TimelineSpan span in timeline.Spans)
        {
            tracks.TryAdd(span.Track, tracks.Count + 1);
        }

        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ns");
        json.WriteStartArray("traceEvents");
        Metadata(json, "process_name", null, a => a.WriteString("name", process));
        foreach ((string track, int id) in tracks)
        {
            Metadata(json, "thread_sort_index", id, a => a.WriteNumber("sort_index", id));
            Metadata(json, "thread_name", id, a => a.WriteString("name", track));
        }

        foreach (TimelineSpan span in timeline.Spans)
        {
            json.WriteStartObject();
            json.WriteString("name", span.Name);
            json.WriteString("ph", "X");
            json.WriteNumber("pid", 1);
            json.WriteNumber("tid", tracks[span.Track]);
            json.WriteNumber("ts", span.Start.Picoseconds / 1e6);
            json.WriteNumber("dur", (span.End - span.Start).Picoseconds / 1e6);
            if (span.Bytes.Bits > 0 || span.Detail is not null)
            {
                json.WriteStartObject("args");
                if (span.Bytes.Bits > 0)
                {
                    json.WriteNumber("bytes", span.Bytes.ExactBytes);
                }

                if (span.Detail is not null)
                {
                    json.WriteString("detail", span.Detail);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A metadata event ("ph": "M") of the process, or of one track when <paramref name="tid"/> is given.</summary>
    private static void Metadata(Utf8JsonWriter json, string name, int? tid, Action<Utf8JsonWriter> args)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("ph", "M");
        json.WriteNumber("pid", 1);
        if (tid is int t)
        {
            json.WriteNumber("tid", t);
        }

        json.WriteStartObject("args");
        args(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
