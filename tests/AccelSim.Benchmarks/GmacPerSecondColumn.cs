using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AccelSim.Benchmarks;

/// <summary>Throughput column: multiply-accumulates (M·N·K) per second of mean time, in GMAC/s.</summary>
public sealed class GmacPerSecondColumn : IColumn
{
    public string Id => nameof(GmacPerSecondColumn);

    public string ColumnName => "GMAC/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Giga multiply-accumulates per second (M·N·K / mean time)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        if (report?.ResultStatistics is null)
        {
            return "-";
        }

        var shape = (string)benchmarkCase.Parameters["Shape"];
        long macs = shape.Split('x').Select(long.Parse).Aggregate(1L, (a, b) => a * b);
        double seconds = report.ResultStatistics.Mean / 1e9;
        return (macs / seconds / 1e9).ToString("0.00", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
