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

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width, bool dashed = false)
    {
        string coordinates = string.Join(" ", points.Select(p => $"{Number(p.X)},{Number(p.Y)}"));
        text.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{coordinates}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{Number(width)}\"{(dashed ? " stroke-dasharray=\"5 3\"" : "")}/>\n");
    }

    /// <summary>A marker of shape <paramref name="shape"/> (circle, square, triangle, diamond, cycling): solid and outlined when marked, faded otherwise.</summary>
    public void Marker(double x, double y, int shape, string fill, bool marked, string? tooltip)
    {
        string style = marked ? $"fill=\"{fill}\" stroke=\"#222222\" stroke-width=\"1.2\"" : $"fill=\"{fill}\" fill-opacity=\"0.45\" stroke=\"{fill}\" stroke-width=\"0.8\"";
        string shapeText = (shape % 4) switch
        {
            0 => $"<circle cx=\"{Number(x)}\" cy=\"{Number(y)}\" r=\"4.5\" {style}",
            1 => $"<rect x=\"{Number(x - 4)}\" y=\"{Number(y - 4)}\" width=\"8\" height=\"8\" {style}",
            2 => $"<polygon points=\"{Number(x)},{Number(y - 5.5)} {Number(x + 5)},{Number(y + 4)} {Number(x - 5)},{Number(y + 4)}\" {style}",
            _ => $"<polygon points=\"{Number(x)},{Number(y - 5.5)} {Number(x + 5.5)},{Number(y)} {Number(x)},{Number(y + 5.5)} {Number(x - 5.5)},{Number(y)}\" {style}",
        };
        string element = shapeText.StartsWith("<circle", StringComparison.Ordinal) ? "circle" : shapeText.StartsWith("<rect", StringComparison.Ordinal) ? "rect" : "polygon";
        text.Append(shapeText);
        text.Append(tooltip is null ? "/>\n" : $"><title>{Escape(tooltip)}</title></{element}>\n");
    }

    public override string ToString() => text + "</svg>\n";
}
