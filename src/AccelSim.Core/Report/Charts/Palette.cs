namespace AccelSim.Report.Charts;

/// <summary>Series colours: the colour-blind-safe qualitative palette of Okabe and Ito ("Color Universal Design", 2008), then greys.</summary>
internal static class Palette
{
    private static readonly string[] Colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#F0E442", "#000000", "#666666", "#BBBBBB", "#333333"];

    public static string Colour(int series) => Colours[series % Colours.Length];
}
