using System.Globalization;
using System.Text;

namespace AccelSim.Report.Charts;

/// <summary>Writes SVG by hand: escaped text, invariant numbers with fixed decimals, so the same chart is the same bytes.</summary>
internal sealed class SvgText
{
    private readonly StringBuilder text = new();

    public SvgText(int width, int height)
    {
        Width = width;
        Height = height;
        text.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        text.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
    }

    public int Width { get; }

    public int Height { get; }

    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1) =>
        text.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Number(x1)}\" y1=\"{Number(y1)}\" x2=\"{Number(x2)}\" y2=\"{Number(y2)}\" stroke=\"{stroke}\" stroke-width=\"{Number(width)}\"/>\n");

    public void Rect(double x, double y, double width, double height, string fill, string? tooltip = null)
    {
        text.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Number(x)}\" y=\"{Number(y)}\" width=\"{Number(width)}\" height=\"{Number(height)}\" fill=\"{fill}\"");
        text.Append(tooltip is null ? "/>\n" : $"><title>{Escape(tooltip)}</title></rect>\n");
    }

    public void Label(double x, double y, string value, string anchor = "start", int size = 12, string weight = "normal", double rotate = 0)
    {
        string transform = rotate == 0 ? "" : $" transform=\"rotate({Number(rotate)} {Number(x)} {Number(y)})\"";
        text.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(x)}\" y=\"{Number(y)}\" text-anchor=\"{anchor}\" font-size=\"{size}\" font-weight=\"{weight}\"{transform}>{Escape(value)}</text>\n");
    }

    public override string ToString() => text + "</svg>\n";
}
