using System.CommandLine;
using System.Globalization;
using AccelSim.Numerics;
using AccelSim.Text;

namespace AccelSim.Cli.Commands;

/// <summary><c>accelsim quantize</c>: quantization error of a format on a seeded synthetic tensor.</summary>
internal static class QuantizeCommand
{
    public static Command Build()
    {
        var format = new Option<string>("--format", "-f") { Description = "Number format, e.g. int8, fp8-e4m3, mxfp4, nvfp4, int4-g128 (see 'accelsim formats').", Required = true };
        var distribution = new Option<string>("--dist", "-d") { Description = "Distribution: gaussian, laplace, student-t, outlier-channels.", DefaultValueFactory = _ => "gaussian" };
        var size = new Option<string>("--size", "-n") { Description = "Elements: N, or ROWSxCOLS (scale blocks run along a row).", DefaultValueFactory = _ => "64x4096" };
        var seed = new Option<int>("--seed", "-s") { Description = "Random seed; the same seed gives the same tensor.", DefaultValueFactory = _ => 1 };
        var rounding = new Option<string>("--rounding", "-r") { Description = "nearest-even, toward-zero or stochastic (seeded by --seed).", DefaultValueFactory = _ => "nearest-even" };
        var command = new Command("quantize", "Quantize a seeded synthetic tensor and print the error against the FP64 original.")
        {
            format, distribution, size, seed, rounding,
        };
        command.SetAction(result => Run(
            result.GetValue(format)!,
            result.GetValue(distribution)!,
            result.GetValue(size)!,
            result.GetValue(seed),
            result.GetValue(rounding)!,
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string formatName, string distributionName, string sizeText, int seed, string roundingName, TextWriter output, TextWriter error)
    {
        var errors = new CommandErrors();
        if (!NumericFormats.TryParse(formatName, out NumericFormat? format, out string? formatError))
        {
            errors.Add("--format", formatError);
        }

        if (!SyntheticTensor.TryParse(distributionName, out Distribution distribution))
        {
            string? suggestion = Spelling.ClosestMatch(distributionName, SyntheticTensor.Names);
            errors.Add("--dist", $"unknown distribution '{distributionName}'{Suggest(suggestion)}. Valid: {string.Join(", ", SyntheticTensor.Names)}.");
        }

        if (!TryParseSize(sizeText, out int rows, out int cols))
        {
            errors.Add("--size", $"'{sizeText}' is not a size: expected a positive element count N or ROWSxCOLS, e.g. 4096 or 64x4096, at most {MaxElements} elements.");
        }

        Rounding? mode = roundingName.Trim().ToLowerInvariant() switch
        {
            "nearest-even" => Rounding.NearestEven,
            "toward-zero" => Rounding.TowardZero,
            "stochastic" => Rounding.Stochastic(new StochasticSource(seed)),
            _ => null,
        };
        if (mode is null)
        {
            string[] names = ["nearest-even", "toward-zero", "stochastic"];
            errors.Add("--rounding", $"unknown rounding '{roundingName}'{Suggest(Spelling.ClosestMatch(roundingName, names))}. Valid: {string.Join(", ", names)}.");
        }

        if (errors.Any)
        {
            return errors.Report(error);
        }

        double[] original = SyntheticTensor.Generate(distribution, rows, cols, seed);
        QuantizedTensor quantized = format!.Quantize(original, rows, cols, mode!.Value);
        ErrorMetrics metrics = ErrorMetrics.Compare(original, quantized.Dequantize());
        long storage = quantized.StorageBits;
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine($"format           {format.Name} ({format.Scaling})");
        output.WriteLine($"distribution     {SyntheticTensor.Names[(int)distribution]} (seed {seed})");
        output.WriteLine($"shape            {rows} x {cols} ({(long)rows * cols} elements; scale blocks along rows)");
        output.WriteLine($"rounding         {mode.Value}");
        output.WriteLine(string.Create(c, $"storage          {storage} bits = {(double)storage / ((long)rows * cols):0.####} bits/element"));
        output.WriteLine(string.Create(c, $"sqnr             {FormatDb(metrics.SqnrDb)}"));
        output.WriteLine(string.Create(c, $"max abs error    {metrics.MaxAbsError:G6} (units of the data)"));
        output.WriteLine(string.Create(c, $"mean rel error   {metrics.MeanRelativeError * 100:0.####} %"));
        return 0;
    }

    private const long MaxElements = 1L << 27;

    private static string FormatDb(double db) =>
        double.IsPositiveInfinity(db) ? "inf dB (exact)" : db.ToString("0.00", CultureInfo.InvariantCulture) + " dB";

    private static string Suggest(string? suggestion) => suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)";

    private static bool TryParseSize(string text, out int rows, out int cols)
    {
        rows = 1;
        cols = 0;
        string[] parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length == 1)
        {
            return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out cols) && cols > 0 && cols <= MaxElements;
        }

        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out rows)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out cols)
            && rows > 0 && cols > 0 && (long)rows * cols <= MaxElements;
    }
}
