using System.Globalization;
using AccelSim.Cost;
using AccelSim.Units;
using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary>The "energy by component" table every run report ends with, in µJ or mJ.</summary>
internal static class EnergyTable
{
    public static Table Build(EnergyBreakdown breakdown, bool millijoules)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        CultureInfo c = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Simple).Title("energy by component");
        table.AddColumn("component");
        table.AddColumn(new TableColumn(millijoules ? "energy (mJ)" : "energy (µJ)").RightAligned());
        table.AddColumn(new TableColumn("share (%)").RightAligned());
        double total = breakdown.Total.Picojoules;
        foreach ((string component, Energy e) in breakdown.Parts)
        {
            double value = millijoules ? e.Microjoules / 1e3 : e.Microjoules;
            table.AddRow(Markup.Escape(component), value.ToString("N3", c), (total == 0 ? 0 : 100 * e.Picojoules / total).ToString("N2", c));
        }

        return table;
    }
}
