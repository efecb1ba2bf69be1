using System.Globalization;
using AccelSim.Units;
using MathNet.Numerics.Random;

namespace AccelSim.Sweep;

/// <summary>
/// Turns a spec into its design points: designs × workloads × the axes (as a product, zipped, or a seeded sample of
/// the product), the last axis varying fastest; then drops the points an axis-only constraint rules out. Indices are
/// positions in the expansion before dropping, so they do not move when a constraint changes another point.
/// </summary>
public static class SweepExpansion
{
    /// <summary>Sweeps larger than this are refused at load: sample them instead.</summary>
    public const long MaxPoints = 10_000_000;

    /// <summary>How many points the axes combine to, before constraints.</summary>
    public static long Size(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        long files = (long)spec.Designs.Count * spec.Workloads.Count;
        return spec.Combination switch
        {
            SweepCombination.Zip => files * (spec.Axes.Count == 0 ? 1 : spec.Axes[0].Values.Count),
            SweepCombination.Sample => Math.Min(spec.Samples, ProductSize(spec)),
            _ => ProductSize(spec),
        };
    }

    /// <summary>Every combination of files and axis values; counting stops growing past <see cref="MaxPoints"/>, which is refused anyway.</summary>
    public static long ProductSize(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Axes.Aggregate((long)spec.Designs.Count * spec.Workloads.Count, (p, a) => p > MaxPoints ? p : p * a.Values.Count);
    }

    public static IReadOnlyList<SweepPoint> Points(SweepSpec spec) => [.. Enumerate(spec)];

    /// <summary>How many points the sweep has after its axis-only constraints, without keeping them.</summary>
    public static int Count(SweepSpec spec) => Enumerate(spec).Count();

    /// <summary>The points one at a time, in index order, made as they are asked for: a sweep of millions holds none of them.</summary>
    public static IEnumerable<SweepPoint> Enumerate(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        long[]? sampled = spec.Combination == SweepCombination.Sample ? Sample(ProductSize(spec), Size(spec), spec.Seed) : null;
        SweepConstraint[] axisOnly = [.. spec.Constraints.Where(c => IsAxisOnly(spec, c))];
        int count = sampled?.Length ?? (int)Size(spec);
        for (int index = 0; index < count; index++)
        {
            SweepPoint point = spec.Combination == SweepCombination.Zip ? Zipped(spec, index) : Decode(spec, index, sampled?[index] ?? index);
            if (axisOnly.All(c => c.Holds(name => AxisNumber(spec, point, name))))
            {
                yield return point;
            }
        }
    }

    /// <summary>Whether <paramref name="constraint"/> names only axes, so it can drop points before they run.</summary>
    public static bool IsAxisOnly(SweepSpec spec, SweepConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(constraint);
        return constraint.Names.All(n => spec.Axes.Any(a => a.Name == n));
    }

    /// <summary>An axis value as a number: plain, or a size with a unit (in bytes); null when it is neither.</summary>
    public static double? AxisNumber(SweepSpec spec, SweepPoint point, string name)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(point);
        int axis = spec.Axes.ToList().FindIndex(a => a.Name == name);
        return axis < 0 ? null : Number(point.Values[axis].Text);
    }

    public static double? Number(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        return ByteSize.TryParse(text, out ByteSize size, out _) ? size.Bytes : null;
    }

    private static SweepPoint Decode(SweepSpec spec, int index, long position)
    {
        var values = new AxisValue[spec.Axes.Count];
        for (int a = spec.Axes.Count - 1; a >= 0; a--)
        {
            int n = spec.Axes[a].Values.Count;
            values[a] = spec.Axes[a].Values[(int)(position % n)];
            position /= n;
        }

        int workload = (int)(position % spec.Workloads.Count);
        int design = (int)(position / spec.Workloads.Count);
        return new SweepPoint(index, spec.Designs[design], spec.Workloads[workload], values);
    }

    private static SweepPoint Zipped(SweepSpec spec, int index)
    {
        int length = spec.Axes.Count == 0 ? 1 : spec.Axes[0].Values.Count;
        int row = index % length, files = index / length;
        return new SweepPoint(index, spec.Designs[files / spec.Workloads.Count], spec.Workloads[files % spec.Workloads.Count],
            [.. spec.Axes.Select(a => a.Values[row])]);
    }

    /// <summary><paramref name="count"/> distinct positions out of <paramref name="size"/> (Floyd's algorithm), ascending.</summary>
    private static long[] Sample(long size, long count, int seed)
    {
        var random = new MersenneTwister(seed, threadSafe: false);
        var chosen = new SortedSet<long>();
        for (long j = size - count; j < size; j++)
        {
            long t = random.NextInt64(0, j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        return [.. chosen];
    }
}
