using System.Globalization;
using System.Text.RegularExpressions;

namespace AccelSim.Sweep;

/// <summary>
/// A sweep's failures summarized by reason: the first error of each failed point without its place and operation
/// names, counted, most frequent first ("18 failed: 12 × '...', 6 × '...'").
/// </summary>
public static partial class FailureReasons
{
    [GeneratedRegex(@"^.*?:\d+:\d+: ")]
    private static partial Regex Place();

    [GeneratedRegex(@"^[^:]*? and \d+ more alike \([^)]*\): ")]
    private static partial Regex FoldedOperations();

    [GeneratedRegex(@"^[\w.\[\]\-]+: ")]
    private static partial Regex Operation();

    /// <summary>The reason a point failed: its first error, without where it was found or which operation it named.</summary>
    public static string Of(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string first = error.Split("; ", 2)[0];
        first = Place().Replace(first, "", 1);
        string trimmed = FoldedOperations().Replace(first, "", 1);
        return trimmed != first ? trimmed : Operation().Replace(first, "", 1);
    }

    /// <summary>One line: how many failed and why, the <paramref name="show"/> most frequent reasons with counts.</summary>
    public static string Summary(IReadOnlyList<PointResult> results, int show = 4, int width = 140)
    {
        ArgumentNullException.ThrowIfNull(results);
        List<IGrouping<string, PointResult>> reasons = [.. results.Where(r => r.Status == PointResult.Failed)
            .GroupBy(r => Of(r.Error)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)];
        int failed = reasons.Sum(g => g.Count());
        if (failed == 0)
        {
            return "";
        }

        IEnumerable<string> shown = reasons.Take(show).Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"{g.Count()} × '{(g.Key.Length > width ? g.Key[..width] + "…" : g.Key)}' (#{string.Join(", #", g.Take(3).Select(r => r.Index))}{(g.Count() > 3 ? ", …" : "")})"));
        return string.Create(CultureInfo.InvariantCulture, $"{failed} failed: {string.Join("; ", shown)}")
            + (reasons.Count > show ? string.Create(CultureInfo.InvariantCulture, $"; and {reasons.Count - show} other reasons (results.csv has every error)") : "");
    }
}
