using System.CommandLine;
using System.Globalization;
using AccelSim.Numerics;
using Spectre.Console;

namespace AccelSim.Cli.Commands;

/// <summary><c>accelsim formats</c>: every element format with its range, then every tensor format with its storage cost.</summary>
internal static class FormatsCommand
{
    public static Command Build()
    {
        var command = new Command("formats", "List every number format: bits, storage per element, range, special values and scaling.");
        command.SetAction(result =>
        {
            IAnsiConsole console = Terminal.For(result.InvocationConfiguration.Output);
            var elements = new Table().Border(TableBorder.Simple).Title("Element formats (exact values)");
            elements.AddColumns("element", "bits", "min finite", "max finite", "smallest subnormal", "smallest normal", "NaN", "Inf");
            foreach (IElementFormat e in ElementFormats.All)
            {
                bool hasSubnormals = e is MiniFloatFormat { HasSubnormals: true, MantissaBits: > 0 };
                elements.AddRow(
                    e.Name,
                    e.Bits.ToString(CultureInfo.InvariantCulture),
                    Number(e.MinFinite),
                    Number(e.MaxFinite),
                    hasSubnormals ? Number(e.MinPositive) : "-",
                    e is MiniFloatFormat ? Number(e.MinNormal) : "-",
                    e.HasNaN ? "yes" : "no",
                    e.HasInfinity ? "yes" : "no");
            }

            var tensors = new Table().Border(TableBorder.Simple).Title("Tensor formats (names for YAML and --format)");
            tensors.AddColumns("format", "element", "storage bits/element", "scaling");
            foreach (NumericFormat format in NumericFormats.Listed)
            {
                tensors.AddRow(
                    format.Name,
                    format.Element.Name,
                    Number(format.BitsPerElement),
                    Markup.Escape(format.Scaling));
            }

            console.Write(elements);
            console.Write(tensors);
            console.WriteLine("Storage includes block scales and zero points amortized over their block. "
                + "Bare integer names (int8, int4) are symmetric per-tensor scaled; intN-gSIZE[-sym] takes any group size, 'ch' or 'tensor'.");
            return 0;
        });
        return command;
    }

    private static string Number(double value) => value.ToString("G7", CultureInfo.InvariantCulture).ToLowerInvariant();
}
