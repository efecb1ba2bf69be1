using System.Text.Json;
using AccelSim.Events;

namespace AccelSim.Report;

/// <summary>Writes a <see cref="Timeline"/> in Chrome's trace event format (opens in Perfetto and chrome://tracing); times in µs.</summary>
public static class ChromeTrace
{
    public static void Write(Stream output, Timeline timeline)
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
        foreach ((string track, int id) in tracks)
        {
            json.WriteStartObject();
            json.WriteString("name", "thread_name");
            json.WriteString("ph", "M");
            json.WriteNumber("pid", 1);
            json.WriteNumber("tid", id);
            json.WriteStartObject("args");
            json.WriteString("name", track);
            json.WriteEndObject();
            json.WriteEndObject();
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
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
