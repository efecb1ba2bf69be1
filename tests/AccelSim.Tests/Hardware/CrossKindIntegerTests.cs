using AccelSim.Hardware;
using AccelSim.Hardware.BitSerial;
using AccelSim.Hardware.DequantMac;
using AccelSim.Hardware.LutCore;
using AccelSim.Hardware.ShiftAdd;
using AccelSim.Hardware.Systolic;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Tests.Hardware;

/// <summary>
/// Every PE kind that can run an integer format pair computes the same integers: kinds that dequantize per group
/// agree bit for bit on any operands, and when every scale is 1 all five kinds return the exact integer dot
/// products, computed here with plain long arithmetic.
/// </summary>
public class CrossKindIntegerTests
{
    private static readonly NumericFormat Int8 = NumericFormats.Parse("int8");
    private static readonly NumericFormat Fp16 = NumericFormats.Parse("fp16");

    public static TheoryData<string, int, int, int, string> Cases()
    {
        var data = new TheoryData<string, int, int, int, string>();
        string[] formats = ["int8", "int4", "int2", "ternary", "binary", "int4-g32-sym", "int4-g32", "int2-g32", "int3-g16-sym", "int2-g64-sym"];
        (int M, int N, int K)[] shapes = [(1, 1, 1), (1, 7, 3), (5, 33, 129), (3, 2, 64), (17, 9, 200), (2, 65, 96)];
        foreach (string format in formats)
        {
            foreach ((int m, int n, int k) in shapes)
            {
                foreach (string mode in new[] { "random", "max", "min" })
                {
                    data.Add(format, m, n, k, mode);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AllKinds_ComputeTheSameIntegers(string weightName, int m, int n, int k, string mode)
    {
        NumericFormat weight = NumericFormats.Parse(weightName);
        var random = new Random(HashCode.Combine(m, n, k) & 0xFFFF);
        double[] av = [.. Enumerable.Range(0, m * k).Select(i => mode switch
        {
            "max" => 127.0,
            "min" => -127.0,
            _ => i == 0 ? 127 : random.Next(-127, 128),
        })];
        double[] wv = WeightValues(weight, n, k, mode, random);
        QuantizedTensor a = Int8.Quantize(av, m, k);
        QuantizedTensor a16 = Fp16.Quantize(av, m, k);
        QuantizedTensor w = weight.Quantize(wv, n, k);

        var results = new List<(string Kind, NumericContract Contract, double[] Values)>();
        foreach (IPeModel pe in Models(weight))
        {
            QuantizedTensor activations = pe.ActivationFormats[0] == Fp16 ? a16 : a;
            if (pe.CannotRun(activations.Format, weight) is null)
            {
                results.Add((pe.Kind, pe.Numerics(activations.Format, weight), pe.Execute(activations, w).Values));
            }
        }

        Assert.True(results.Count >= 2, $"{weightName}: only {results.Count} kind(s) can run it");
        var grouped = results.Where(r => r.Contract.Accumulator == Accumulator.Int32GroupsFp32).ToList();
        foreach (var r in grouped.Skip(1))
        {
            Assert.True(Bits(grouped[0].Values).SequenceEqual(Bits(r.Values)), $"{r.Kind} differs from {grouped[0].Kind}");
        }

        bool unitScales = a.BlockScales.ToArray().All(s => s == 1) && w.BlockScales.ToArray().All(s => s == 1) && w.TensorScale == 1;
        if (unitScales)
        {
            double[] exact = ExactIntegers(a, w);
            foreach (var r in results)
            {
                Assert.True(Bits(exact).SequenceEqual(Bits(r.Values)), $"{r.Kind}: not the exact integer products");
            }
        }
    }

    [Fact]
    public void UnitScaleCases_CoverEveryKind()
    {
        // The shared-integer check above only bites when scales are 1; make sure it does for each kind.
        var kinds = new HashSet<string>();
        foreach (string name in new[] { "int4", "int4-g32-sym", "int2-g32" })
        {
            NumericFormat weight = NumericFormats.Parse(name);
            QuantizedTensor w = weight.Quantize(WeightValues(weight, 3, 64, "random", new Random(1)), 3, 64);
            Assert.All(w.BlockScales.ToArray(), s => Assert.Equal(1, s));
            kinds.UnionWith(Models(weight).Where(pe => pe.CannotRun(pe.ActivationFormats[0], weight) is null).Select(pe => pe.Kind));
        }

        Assert.Equal(["bit-serial", "dequant-mac", "lut-core", "shift-add", "systolic"], kinds.Order());
    }

    private static double[] WeightValues(NumericFormat weight, int n, int k, string mode, Random random)
    {
        (int lo, int hi) = Range(weight);
        int group = weight.BlockSize ?? k;
        return [.. Enumerable.Range(0, n * k).Select(i =>
        {
            int x = i % k;
            return (double)(mode switch
            {
                "max" => hi,
                "min" => lo,
                // The first elements of every group pin the range, so group scales come out as 1 where they can.
                _ => x % group == 0 ? hi : x % group == 1 ? lo : random.Next(lo, hi + 1),
            });
        })];
    }

    private static IEnumerable<IPeModel> Models(NumericFormat weight)
    {
        Frequency clock = Frequency.Parse("1 GHz");
        var kinds = new Dictionary<string, IPeKind>(PeCatalog.Kinds.Select(kind => KeyValuePair.Create(kind.Kind, kind)));
        if (kinds["systolic"].Unsupported(weight, isWeight: true) is null)
        {
            yield return new SystolicPe(new SystolicPeConfig("sys", 1, clock, [Int8], [weight], 4, 4, Dataflow.OutputStationary));
        }

        if (kinds["dequant-mac"].Unsupported(weight, isWeight: true) is null)
        {
            yield return new DequantMacPe(new DequantMacPeConfig("deq", 1, clock, [Fp16], [weight], 4, 4, 4));
        }

        if (kinds["shift-add"].Unsupported(weight, isWeight: true) is null)
        {
            yield return new ShiftAddPe(new ShiftAddPeConfig("mix", 1, clock, [Int8], [weight], 4, 4));
        }

        if (kinds["bit-serial"].Unsupported(weight, isWeight: true) is null)
        {
            yield return new BitSerialPe(new BitSerialPeConfig("bs", 1, clock, [Int8], [weight], 4, 4, 4, 2));
        }

        if (kinds["lut-core"].Unsupported(weight, isWeight: true) is null)
        {
            yield return new LutCorePe(new LutCoreConfig("lut", 1, clock, [Int8], [weight], 2, 2, 8, 4, 1, true, true, 8));
        }
    }

    private static (int Lo, int Hi) Range(NumericFormat format) => format switch
    {
        GroupAffineFormat { IsSymmetric: false } g => (-((1 << (g.Bits - 1)) - 1), 1 << (g.Bits - 1)),
        _ when format.Element is BinaryFormat => (-1, 1),
        _ => ((int)format.Element.MinFinite, (int)format.Element.MaxFinite),
    };

    private static double[] ExactIntegers(QuantizedTensor a, QuantizedTensor w)
    {
        var c = new double[a.Vectors * w.Vectors];
        for (int i = 0; i < a.Vectors; i++)
        {
            for (int j = 0; j < w.Vectors; j++)
            {
                long sum = 0;
                for (int x = 0; x < a.Length; x++)
                {
                    sum += (long)a.Value(i, x) * (long)w.Value(j, x);
                }

                c[(i * w.Vectors) + j] = sum;
            }
        }

        return c;
    }

    private static IEnumerable<long> Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits);
}
