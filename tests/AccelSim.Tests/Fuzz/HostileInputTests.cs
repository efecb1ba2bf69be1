using AccelSim.Accelerator;
using AccelSim.Config.Yaml;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Fuzz;

/// <summary>Regression tests for the hostile inputs that crashed or hung the loaders, each named after its defect.</summary>
public class HostileInputTests
{
    internal static string[] Errors(params string[] args)
    {
        (int exit, string output, string error) = Run(args);
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        return error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void AValueNestedThousandsDeep_IsAnErrorAtItsPlace_NotAStackOverflow()
    {
        string file = Write(TempDirectory(), "deep.yaml", "name: x\nclock: " + new string('[', 20000) + new string(']', 20000) + "\n");
        Assert.Contains(Errors("validate", file), l => l.EndsWith("deep.yaml:2:71: nested more than 64 levels deep; no AccelSim input needs that", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a: &x\n  b: *x\n", "*x")]
    [InlineData("a: &a [1, 2]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n", "*a")]
    public void AliasesToThemselves_OrExpandingExponentially_AreRefused(string text, string alias)
    {
        string file = Write(TempDirectory(), "alias.yaml", text);
        Assert.Contains(Errors("validate", file), l => l.Contains($"YAML aliases ({alias}) are not read", StringComparison.Ordinal));
    }

    [Fact]
    public void APresetIncludingItself_ReportsTheChain_AndFanOutIsBounded()
    {
        string dir = TempDirectory();
        Write(dir, "a.yaml", "preset: b.yaml\n");
        Write(dir, "b.yaml", "preset: a.yaml\n");
        string design = Write(dir, "d.yaml", "name: d\nmemory:\n  preset: a.yaml\n");
        Assert.Contains(Errors("validate", design), l => l.Contains("presets include each other in a cycle: a.yaml → b.yaml → a.yaml", StringComparison.Ordinal));

        // Six references to a file that names itself six times: without the bound, 6^9 loads.
        Write(dir, "s.yaml", string.Concat(Enumerable.Range(0, 6).Select(i => $"k{i}: {{preset: s.yaml}}\n")));
        Write(dir, "t.yaml", string.Concat(Enumerable.Range(0, 6).Select(i => $"k{i}: {{preset: t2.yaml}}\n")));
        Write(dir, "t2.yaml", string.Concat(Enumerable.Range(0, 6).Select(i => $"k{i}: {{preset: t3.yaml}}\n")));
        Write(dir, "t3.yaml", string.Concat(Enumerable.Range(0, 6).Select(i => $"k{i}: {{preset: t4.yaml}}\n")));
        Write(dir, "t4.yaml", string.Concat(Enumerable.Range(0, 6).Select(i => $"k{i}: {{preset: t5.yaml}}\n")));
        Write(dir, "t5.yaml", "x: 1\n");
        string wide = Write(dir, "w.yaml", "name: d\nmemory: {preset: t.yaml}\n");
        Assert.Contains(Errors("validate", wide), l => l.Contains($"more than {AccelSim.Config.Yaml.Presets.MaxLoads} preset files loaded for one document", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public void ADeviceThatNeverEnds_AsAPresetOrADesign_IsRefusedAfterItsFirstMegabytes(string device)
    {
        if (!File.Exists(device))
        {
            return;
        }

        string design = Write(TempDirectory(), "d.yaml", $"name: d\nmemory:\n  preset: {device}\n");
        Assert.Contains(Errors("validate", design), l => l.Contains($"'{device}' is larger than 4 MiB (or never ends)", StringComparison.Ordinal));
        Assert.Contains(Errors("run", "--arch", device, "--out", TempDirectory()), l => l.Contains("or never ends", StringComparison.Ordinal));
    }

    [Fact]
    public void FortyThousandUnknownKeys_AreEachReported_InLinearTime()
    {
        string file = Write(TempDirectory(), "many.yaml", "name: x\n" + string.Concat(Enumerable.Range(0, 40000).Select(i => $"unknown_{i}: {i}\n")));
        string[] lines = Errors("validate", file);
        Assert.Equal(40000, lines.Count(l => l.Contains("unknown key", StringComparison.Ordinal)));
    }

    [Fact]
    public void ARenamedActivationFormatsKey_IsAnError_NotSequenceContainsNoElements()
    {
        string design = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "arch-configs", "mixpe-w4a8.yaml"))
            .Replace("activation_formats:", "activation_formatz:", StringComparison.Ordinal);
        string file = Write(TempDirectory(), "renamed.yaml", design);
        Assert.Contains(Errors("validate", file), l => l.Contains("activation_formats: required key is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void AMegabyteValue_IsRefused_AndNoErrorLineEchoesItWhole()
    {
        string file = Write(TempDirectory(), "big.yaml", $"name: x\nclock: {new string('9', 1_000_000)}\n");
        string[] lines = Errors("validate", file);
        Assert.All(lines, l => Assert.True(l.Length < 1200, $"{l.Length} characters"));
        Assert.Contains(lines, l => l.Contains("a value of 1,000,000 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEmptyKeyAfterABlockSequence_IsASyntaxError_NotAnUnsupportedEvent()
    {
        // Found by the fuzzer (seed 7, input 1293): YamlDotNet's model throws ArgumentException on it.
        string file = Write(TempDirectory(), "empty-key.yaml", "a:\n  - {w: 1}\n:\n");
        Assert.Contains(Errors("validate", file), l => l.Contains("empty-key.yaml:", StringComparison.Ordinal) && l.Contains("YAML syntax error", StringComparison.Ordinal));
    }
}

/// <summary>Bad output paths are input errors before anything runs, and nothing the user wrote is overwritten.</summary>
public class OutputPathTests
{
    private static string Only(params string[] args)
    {
        (int exit, string output, string error) = Run(args);
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        return lines[0];
    }

    [Fact]
    public void OutNamingAFile_AnEmptyOut_AChartPathThatIsADirectory_AreOneLineEach()
    {
        string dir = TempDirectory();
        string file = Write(dir, "a-file", "mine");
        string[] quick = ["--functional", "off", "--set", "workload.layers=1"];
        Assert.Equal($"--out: '{file}' is a file; --out names a directory", Only(["run", "--out", file, .. quick]));
        Assert.Equal("--out: is empty; name a directory", Only(["run", "--out", "", .. quick]));
        Assert.Equal($"--breakdown-chart: '{dir}' is a directory; --breakdown-chart names a file", Only(["run", "--out", dir, "--breakdown-chart", dir, .. quick]));
        Assert.Equal($"--out: '{file}' is a file; --out names a directory", Only("compare", "--arch", "int8-systolic", "tpu-v1-like", "--out", file));
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void ARunWritingOverItsOwnTrace_IsRefused()
    {
        string dir = TempDirectory();
        string trace = Write(dir, "ops.csv", "name,m,n,k\nx,4,4,4\n");
        Assert.Equal($"--out: would overwrite '{trace}', which this command reads as an input; write elsewhere", Only("run", "--workload", trace, "--out", dir));
        Assert.Equal("name,m,n,k\nx,4,4,4\n", File.ReadAllText(trace));
    }

    [Fact]
    public void ASweepIntoAFolderWithSomeoneElsesResults_OrOneInUse_IsRefused()
    {
        string dir = TempDirectory();
        string spec = Path.Combine(AppContext.BaseDirectory, "arch-configs", "sweeps", "systolic-size.yaml");
        Write(dir, "results.csv", "my own table\n");
        (int exit, _, string error) = Run("sweep", spec, "--out", dir);
        Assert.Equal(1, exit);
        Assert.Contains("holds a results.csv that no sweep journal goes with", error, StringComparison.Ordinal);
        Assert.Equal("my own table\n", File.ReadAllText(Path.Combine(dir, "results.csv")));

        string busy = TempDirectory();
        using (new FileStream(Path.Combine(busy, AccelSim.Sweep.ResultsJournal.LockFile), FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            (exit, _, error) = Run("sweep", spec, "--out", busy);
            Assert.Equal(1, exit);
            Assert.Contains("is in use by another accelsim sweep, resume or merge", error, StringComparison.Ordinal);
        }
    }
}

/// <summary>Simulated time or bytes past 64 bits are an input error, never a crash and never a wrapped-round number.</summary>
public class OverflowTests
{
    [Fact]
    public void AOneBytePerSecondMemory_IsAnInputError_NotExit2()
    {
        (int exit, _, string error) = Run("run", "--out", TempDirectory(), "--set", "memory.bandwidth=1 B/s", "--functional", "off");
        Assert.Equal(1, exit);
        Assert.Contains("--set memory.bandwidth=1 B/s: memory.bandwidth: '1 B/s' is too extreme for this workload: the simulated time or a byte count passes what 64 bits hold", error, StringComparison.Ordinal);
        Assert.EndsWith("with 100 GB/s it runs", error.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnOverflowTheTimingDoesNotReproduce_BlamesNoSetting()
    {
        // Found when a functional check's generator overflowed (its arithmetic is modulo 2^64 and was not marked so):
        // the overflow reached the run command, whose search for a culprit blamed the clock. Given a design and
        // workload whose timing finishes, the search now says the overflow is not the input's.
        string design = Path.Combine(AppContext.BaseDirectory, "arch-configs", "default.yaml");
        string workload = Path.Combine(AppContext.BaseDirectory, "workloads", "default.yaml");
        ConfigError error = OverflowCulprit.Find(design, [], workload, [], 1);
        Assert.Equal(workload, error.Location.File);
        Assert.Contains("outside the timing model", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too extreme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AOneHertzClock_IsNamedAtItsLine_AsTheSettingThatOverflows()
    {
        string design = Write(TempDirectory(), "slow.yaml", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "arch-configs", "int8-systolic.yaml"))
            .Replace("\nclock: 940 MHz", "\nclock: 1 Hz", StringComparison.Ordinal));
        int line = File.ReadAllLines(design).ToList().FindIndex(l => l.StartsWith("clock: 1 Hz", StringComparison.Ordinal)) + 1;
        Assert.True(line > 0, "the shipped design no longer has 'clock: 940 MHz'");
        (int exit, _, string error) = Run("run", "--arch", design, "--workload", "llama2-7b-prefill-2k", "--functional", "off", "--out", TempDirectory());
        Assert.Equal(1, exit);
        Assert.StartsWith($"{design}:{line}:8: clock: '1 Hz' is too extreme for this workload", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ACompareThatOverflows_NamesTheSettingInEachRefusal()
    {
        (int exit, _, string error) = Run("compare", "--arch", "default", "--arch", "int8-systolic", "--workload", "llama2-7b-prefill-2k", "--set", "clock=1 Hz",
            "--functional", "off", "--out", TempDirectory());
        Assert.Equal(1, exit);
        Assert.Equal(2, error.Split('\n').Count(l => l.Contains("refused: --set clock=1 Hz: clock: '1 Hz' is too extreme for this workload", StringComparison.Ordinal)));
    }

    [Fact]
    public void ABufferPortAtOneBitPerSecond_FailsValidateAtTheSetting_NotWithAnInternalError()
    {
        // Found by the fuzzer (seed 31, input 36479): validate's mapping trials overflowed before any run did.
        (int exit, _, string error) = Run("validate", "--arch", "int8-systolic", "--workload", "mlp-w4a8", "--set", "buffers[activations].read_bandwidth=1 bit/s");
        Assert.Equal(1, exit);
        Assert.StartsWith("--set buffers[activations].read_bandwidth=1 bit/s: buffers[activations].read_bandwidth: '1 bit/s' is too extreme for this workload", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheExtremeSeeds_StillRun_UnderCheckedArithmetic()
    {
        foreach (string seed in new[] { "2147483647", "-2147483648" })
        {
            (int exit, _, string error) = Run("run", "-a", "neupims", "-w", "gpt3-7b-batched-b256", "--seed", seed, "--out", TempDirectory());
            Assert.True(exit == 0, error);
        }
    }

    [Fact]
    public void MAndNAndKOf2To31_AreAnInputErrorAtTheWorkload_NotANegativeCountThatCrashes()
    {
        string dir = TempDirectory();
        string workload = Write(dir, "huge.yaml", "kind: gemm\nactivation_format: int8\nweight_format: int8\nops:\n  - {name: huge, m: 2147483647, n: 2147483647, k: 2147483647}\n");
        (int exit, _, string error) = Run("run", "--arch", "int8-systolic", "--workload", workload, "--functional", "off", "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, exit);
        Assert.StartsWith($"{workload}:1:1: the simulated time or a byte count passes what 64 bits hold", error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AOneBitPerSecondHostLink_IsAnInputError_NotWrappedRoundToFiftyTokensPerSecond()
    {
        (int exit, string output, string error) = Run("run", "-a", "moe-edge-4090like", "-w", "mixtral-8x7b-decode", "--set", "arch.offload.link.bandwidth=1 bit/s",
            "--functional", "off", "--out", TempDirectory());
        Assert.Equal(1, exit);
        Assert.DoesNotContain("tokens/s", output, StringComparison.Ordinal);
        Assert.Contains("passes what 64 bits hold", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TransferTimes_ThatPass64Bits_Throw_RatherThanWrap()
    {
        var slow = new AccelSim.Units.Bandwidth(1);
        Assert.Throws<OverflowException>(() => slow.TimeFor(AccelSim.Units.ByteSize.FromBytes(1L << 40)));
        Assert.Throws<OverflowException>(() => new AccelSim.Units.Frequency(1).TimeOf(long.MaxValue / 2));
        // Below the bound, the exact ceiling: 8 Gbit at 1 bit/s is 8e9 s = 8e21 ps, past 2^63 ps (9.2e18); 1 MB is 8e6 s.
        Assert.Equal(8_000_000L * 1_000_000_000_000, slow.TimeFor(AccelSim.Units.ByteSize.FromBytes(1_000_000)).Picoseconds);
    }
}

/// <summary>An INT32 accumulator that overflows is a result the user sees, not "1 exact" and exit 0.</summary>
public class AccumulatorOverflowTests
{
    [Fact]
    public void AnInt32AccumulatorThatWraps_IsCounted_Warned_AndExits4()
    {
        // 140,000 products of 127 × 127 sum to 2,258,060,000, past 2^31 − 1: the systolic array's INT32 sum wraps.
        const int K = 140_000;
        string dir = TempDirectory();
        AccelSim.Tests.Workloads.NpyArrayTests.WriteNpy(dir, "a.npy", "|i1", [1, K], [.. Enumerable.Repeat((byte)127, K)]);
        AccelSim.Tests.Workloads.NpyArrayTests.WriteNpy(dir, "w.npy", "|i1", [K, 1], [.. Enumerable.Repeat((byte)127, K)]);
        string workload = Write(dir, "w.yaml", $"kind: gemm\nops:\n  - {{name: big, m: 1, n: 1, k: {K}, activations: a.npy, weights: w.npy}}\n");
        string outDir = Path.Combine(dir, "out");
        (int exit, string output, string error) = Run("run", "--arch", Path.Combine(AppContext.BaseDirectory, "arch-configs", "int8-systolic.yaml"),
            "--workload", workload, "--functional", "full", "--out", outDir);
        Assert.Equal(4, exit);
        Assert.Contains("accumulator overflows", output, StringComparison.Ordinal);
        Assert.StartsWith("ACCUMULATOR OVERFLOW: 1 integer partial sums passed their accumulator and wrapped", error, StringComparison.Ordinal);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(1, summary.RootElement.GetProperty("accumulator_overflows").GetInt64());
        // The wrapped sum is what two's complement gives: 2,258,060,000 − 2^32.
        Assert.Contains(ReadOps(outDir), o => o["functional_detail"].Contains("1 accumulator overflows (wrapped)", StringComparison.Ordinal));
    }
}

/// <summary>What validate passes, run can run: settings that divided by zero at run time are refused at load.</summary>
public class ValidateThenRunTests
{
    [Theory]
    [InlineData("default", "workloads/default.yaml", "memory.bandwidth=4 bit/s", "memory.bandwidth: 0.5 B/s over 8 channels leaves each less than 1 bit/s")]
    [InlineData("npu-only", "workloads/llm/gpt3-7b-batched-b256.yaml", "arch.memory.timing.tCK=0 ns", "memory.timing.tCK: the command clock period must be more than 0 ns")]
    public void ASettingThatDividedByZeroInRun_IsAnInputErrorInValidate(string design, string workload, string set, string message)
    {
        string[] pair = ["--arch", design, "--workload", Path.Combine(AppContext.BaseDirectory, workload), "--set", set];
        (int exit, _, string error) = Run(["validate", .. pair]);
        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        (exit, _, error) = Run(["run", .. pair, "--functional", "off", "--out", TempDirectory()]);
        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}

/// <summary>Numeric edges that used to give NaN silently.</summary>
public class NumericEdgeTests
{
    [Fact]
    public void Int1AsATensorFormat_IsRefused_NotAnInfiniteScaleAndSqnrNaN()
    {
        (int exit, string output, string error) = Run("quantize", "--format", "int1");
        Assert.Equal(1, exit);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
        Assert.Contains("'int1' holds only −1 and 0 (two's complement), so no scale maps data onto it", error, StringComparison.Ordinal);
        // As an element format it stays: its range, −1..0, is what two's complement on one bit gives.
        Assert.Contains(AccelSim.Numerics.ElementFormats.All, e => e.Name == "int1");
    }
}

/// <summary>The scalar INT8 kernel refuses a K that could overflow, as the vector one does, instead of wrapping at 2^17.</summary>
public class IntegerGemmGuardTests
{
    [Fact]
    public void MultiplyScalar_RefusesAKThatCouldOverflowInt32_AsMultiplyDoes()
    {
        int k = (int)AccelSim.Numerics.IntegerGemm.MaxSafeK(128, 128) + 1;
        sbyte[] a = new sbyte[k], w = new sbyte[k];
        int[] c = new int[1];
        Assert.Throws<ArgumentException>(() => AccelSim.Numerics.IntegerGemm.MultiplyScalar(a, w, c, 1, 1, k));
        Assert.Throws<ArgumentException>(() => AccelSim.Numerics.IntegerGemm.Multiply(a, w, c, 1, 1, k));
        Array.Fill(a, (sbyte)-128);
        Array.Fill(w, (sbyte)-128);
        AccelSim.Numerics.IntegerGemm.MultiplyScalar(a[..(k - 1)], w[..(k - 1)], c, 1, 1, k - 1);
        Assert.Equal((long)(k - 1) * 128 * 128, c[0]);
    }
}

/// <summary>E8M0 ties go to the even code, checked against an independent rule written here: the nearest power of two, ties to the even biased exponent.</summary>
public class E8M0TieTests
{
    [Fact]
    public void E8M0_EncodesEveryTie_ToTheEvenCode_AndEveryOtherValue_ToTheNearestPowerOfTwo()
    {
        var e8m0 = AccelSim.Numerics.ElementFormats.E8M0;
        for (int e = -126; e <= 126; e++)
        {
            foreach (double f in new[] { 1.0, 1.25, 1.5, 1.75 })
            {
                double value = Math.ScaleB(f, e);
                // Independent rule: the nearer of 2^e and 2^(e+1) in value; at an exact tie, the even biased exponent.
                double below = Math.ScaleB(1, e), above = Math.ScaleB(1, e + 1);
                int want = value - below < above - value ? e : value - below > above - value ? e + 1 : ((e + 127) % 2 == 0 ? e : e + 1);
                Assert.Equal((uint)(want + 127), e8m0.Encode(value));
            }
        }
    }
}

/// <summary>Scales that cannot hold the data are refused, as non-finite inputs are, instead of turning finite values into NaN.</summary>
public class ScaleOverflowTests
{
    [Fact]
    public void AGroupWhoseFp16ScaleWouldOverflow_IsRefused_AndOneJustInsideQuantizesToFiniteValues()
    {
        AccelSim.Numerics.NumericFormat int4 = AccelSim.Numerics.NumericFormats.Parse("int4-g128");
        double[] wide = new double[128];
        wide[0] = 1_000_000; // symmetric INT4: scale = 1e6 / 7 ≈ 142,857, past FP16's 65,504
        Assert.Throws<ArgumentException>(() => int4.Quantize(wide, 1, 128));
        wide[0] = 400_000; // 57,143: inside
        AccelSim.Numerics.QuantizedTensor q = int4.Quantize(wide, 1, 128);
        Assert.All(q.Dequantize(), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void APerTensorInt8WhoseFp32ScaleWouldOverflow_IsRefused_NotZeroCodesReadBackAsNaN()
    {
        AccelSim.Numerics.NumericFormat int8 = AccelSim.Numerics.NumericFormats.Parse("int8");
        Assert.Throws<ArgumentException>(() => int8.Quantize([1e300, -2, 3, 4], 1, 4)); // 1e300 / 127: past FP32's 3.4e38
        Assert.All(int8.Quantize([1e40, -2, 3, 4], 1, 4).Dequantize(), v => Assert.True(double.IsFinite(v))); // 7.9e37: inside
    }

    [Theory]
    [InlineData(AccelSim.Numerics.Accumulator.Int32)]
    [InlineData(AccelSim.Numerics.Accumulator.Int32Wrapping)]
    [InlineData(AccelSim.Numerics.Accumulator.Int32GroupsFp32)]
    [InlineData(AccelSim.Numerics.Accumulator.Exact)]
    public void AnInfiniteScale_GivesNaN_FromTheIntegerAccumulatorsAsFromTheExactSum(AccelSim.Numerics.Accumulator accumulator)
    {
        // Built directly: the quantizers refuse to make such a scale, but the reference must not read it as 0.
        AccelSim.Numerics.NumericFormat int8 = AccelSim.Numerics.NumericFormats.Parse("int8");
        uint[] codes = [.. new double[] { 1, 2, 3, 4 }.Select(v => int8.Element.Encode(v))];
        var infinite = new AccelSim.Numerics.QuantizedTensor(int8, 1, 4, codes, 4, sharedBlock: true, [double.PositiveInfinity], null, 1.0);
        AccelSim.Numerics.QuantizedTensor w = int8.Quantize([1, 1, 1, 1], 1, 4);
        Assert.True(double.IsNaN(AccelSim.Numerics.ReferenceGemm.Compute(infinite, w, accumulator)[0, 0]));
        Assert.True(double.IsNaN(AccelSim.Numerics.ReferenceGemm.Compute(w, infinite, accumulator)[0, 0]));
    }

    [Fact]
    public void Nvfp4BeyondTheFp32Range_IsRefused_NotNaN()
    {
        AccelSim.Numerics.NumericFormat nvfp4 = AccelSim.Numerics.NumericFormats.Parse("nvfp4");
        double[] values = new double[16];
        values[3] = 1e45; // / (6 × 448) = 3.7e41, past FP32's 3.4e38
        Assert.Throws<ArgumentException>(() => nvfp4.Quantize(values, 1, 16));
        values[3] = 1e39; // 3.7e35: inside
        Assert.All(nvfp4.Quantize(values, 1, 16).Dequantize(), v => Assert.True(double.IsFinite(v)));
    }
}

/// <summary>A report writer refuses a figure that cannot be: negative counts, NaN, ∞ (a bug caught, not a "NaN" in a file).</summary>
public class WriterGuardTests
{
    [Fact]
    public void NegativeOrNonFiniteFigures_AreRefusedAtTheWriter_SignedDecibelsAreNot()
    {
        Assert.Throws<InvalidOperationException>(() => AccelSim.Report.Invariant.Number(-1));
        Assert.Throws<InvalidOperationException>(() => AccelSim.Report.Invariant.Number(double.NaN, 3));
        Assert.Throws<InvalidOperationException>(() => AccelSim.Report.Invariant.Number(-0.5, 3));
        Assert.Throws<InvalidOperationException>(() => AccelSim.Report.Invariant.Number(double.PositiveInfinity, 3));
        Assert.Equal("-5.58", AccelSim.Report.Invariant.Signed(-5.5812, 2));
        Assert.Equal("nan", AccelSim.Report.OpsCsv.Sqnr(double.NaN));
        Assert.Equal("inf", AccelSim.Report.OpsCsv.Sqnr(double.PositiveInfinity));
    }
}

/// <summary>An unterminated CSV quote is one line at the quote, not a message that echoes the rest of the file.</summary>
public class CsvQuoteTests
{
    [Fact]
    public void AnUnclosedQuote_IsReportedAtItsPosition_InOneLine()
    {
        string dir = TempDirectory();
        string trace = Write(dir, "q.csv", "name,m,n,k\nx,\"4,4,4\ny,4,4,4\nz,4,4,4\n");
        (int exit, _, string error) = Run("validate", trace);
        Assert.Equal(1, exit);
        Assert.Equal([$"{trace}:2:3: this quote is never closed: the field would run to the end of the file; close it or remove it", "1 error; nothing was run"],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // A closed quote with a doubled quote inside is fine.
        Assert.Equal(0, Run("validate", Write(dir, "ok.csv", "name,m,n,k\n\"x \"\"a\"\"\",4,4,4\n")).Exit);
    }
}

/// <summary>Operand files that no scale of their format can hold leave the run standing and say why the check was skipped.</summary>
public class UnquantizableOperandTests
{
    [Fact]
    public void WeightsBeyondTheFp16GroupScale_SkipTheCheck_WithTheReason_NotExit2()
    {
        string dir = TempDirectory();
        float[] a = [.. Enumerable.Repeat(1f, 128)], w = [.. Enumerable.Repeat(1f, 128)];
        w[5] = 1e6f; // int4-g128: a scale of 1e6 / 7, past FP16's 65,504
        AccelSim.Tests.Workloads.NpyArrayTests.WriteNpy(dir, "a.npy", "<f4", [1, 128], [.. a.SelectMany(BitConverter.GetBytes)]);
        AccelSim.Tests.Workloads.NpyArrayTests.WriteNpy(dir, "w.npy", "<f4", [128, 1], [.. w.SelectMany(BitConverter.GetBytes)]);
        string workload = Write(dir, "w.yaml", "kind: gemm\nactivation_format: int8\nweight_format: int4-g128\nops:\n  - {name: g, m: 1, n: 1, k: 128, activations: a.npy, weights: w.npy}\n");
        string outDir = Path.Combine(dir, "out");
        (int exit, _, string error) = Run("run", "--arch", Path.Combine(AppContext.BaseDirectory, "arch-configs", "mixpe-w4a8.yaml"), "--workload", workload,
            "--functional", "full", "--out", outDir);
        Assert.True(exit == 0, error);
        Dictionary<string, string> op = Assert.Single(ReadOps(outDir));
        Assert.Equal("skipped", op["functional_check"]);
        Assert.Contains("cannot be quantized: int4-g128: group 0 spans more than its FP16 scale can reach", op["functional_detail"], StringComparison.Ordinal);
    }
}

/// <summary>Operand and SCALE-Sim files that promise more than they hold, or never end.</summary>
public class UnboundedFileTests
{
    [Theory]
    [InlineData("abc,", "is not an array of at most")]
    [InlineData("99999999999,", "is not an array of at most")]
    [InlineData("1048576, 1048576", "is not an array of at most")]
    [InlineData("-4,", "is not an array of at most")]
    [InlineData("32768, 32768", "is larger than one array holds")]
    [InlineData("4, 4", "is truncated: the header promises 16 elements")]
    public void ANpyShapeThatIsNoArray_OrPromisesMoreThanTheFile_IsAnError_NotACrashOrAnAllocation(string dims, string message)
    {
        string header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({dims}), }}".PadRight(117) + "\n";
        string path = Path.Combine(TempDirectory(), "x.npy");
        File.WriteAllBytes(path, [0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, 0, .. System.Text.Encoding.ASCII.GetBytes(header), .. new byte[16]]);
        Assert.Null(AccelSim.Workloads.NpyArray.Load(path, out string error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeviceThatNeverEnds_AsAnNpyOperandOrAScaleSimConfig_IsRefused()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        Assert.Null(AccelSim.Workloads.NpyArray.Load("/dev/zero", out string error));
        Assert.Contains("is not a .npy file", error, StringComparison.Ordinal);
        string dir = TempDirectory();
        File.CreateSymbolicLink(Path.Combine(dir, "zero.cfg"), "/dev/zero");
        Assert.Contains(HostileInputTests.Errors("validate", Path.Combine(dir, "zero.cfg")), l => l.Contains("is larger than 4 MiB (or never ends)", StringComparison.Ordinal));
    }
}

/// <summary>Defects of the hostile-input report that had no test of their own yet, each named after it.</summary>
public class MoreHostileInputTests
{
    [Fact]
    public void APathSettingThatNamesItsOwnFile_IsOneErrorAtTheKey_NotItsContentsReadAsAnotherKind()
    {
        string dir = TempDirectory();
        string moe = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workloads", "moe", "mixtral-8x7b-decode.yaml"));
        string model = Write(dir, "model.yaml", moe.Replace("model: models/mixtral-8x7b.yaml", "model: model.yaml", StringComparison.Ordinal));
        Assert.Equal(["model.yaml:6:8: model: 'model.yaml' is the file it is written in; name another file"],
            HostileInputTests.Errors("validate", model).SkipLast(1).Select(l => l.Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)));
        string trace = Write(dir, "trace.yaml", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workloads", "moe", "mixtral-8x7b-decode-trace.yaml"))
            .Replace("file: traces/mixtral-8x7b-6tokens.csv", "file: trace.yaml", StringComparison.Ordinal)
            .Replace("model: models/", $"model: {Path.Combine(AppContext.BaseDirectory, "workloads", "moe", "models")}/", StringComparison.Ordinal));
        Assert.Contains(HostileInputTests.Errors("validate", trace), l => l.EndsWith("routing.file: 'trace.yaml' is the file it is written in; name another file", StringComparison.Ordinal));
        Write(dir, "p.yaml", "preset: p.yaml\nx: 1\n");
        string design = Write(dir, "d.yaml", "name: d\nmemory: {preset: p.yaml}\n");
        Assert.Contains(HostileInputTests.Errors("validate", design), l => l.EndsWith("p.yaml:1:9: preset: 'p.yaml' is the file it is written in; name another file", StringComparison.Ordinal));
    }

    [Fact]
    public void AFiveMillionCharacterFormatName_IsOneShortError()
    {
        string trace = Write(TempDirectory(), "t.csv", "name,m,n,k,activation_format,weight_format\ng,16,16,16,int8,int4-g" + new string('9', 5_000_000) + "\n");
        string[] lines = HostileInputTests.Errors("validate", trace);
        Assert.Equal(2, lines.Length);
        Assert.Contains("t.csv:2:17: g.weight_format:", lines[0], StringComparison.Ordinal);
        Assert.True(lines[0].Length < 1_200, $"{lines[0].Length} characters");
    }

    [Theory]
    [InlineData("moe-edge-4090like", "PCIe")]
    [InlineData("moe-edge-orinlike", "NVMe")]
    public void AnOffloadTierAtOneBitPerSecond_IsNamed_NotWrappedRoundToAUtilizationOfMillionsOfPercent(string design, string tier)
    {
        (int exit, string output, string error) = Run("run", "-a", design, "-w", "mixtral-8x7b-decode", "--set", "arch.offload.link.bandwidth=1 bit/s",
            "--functional", "off", "--out", TempDirectory());
        Assert.True(exit == 1, $"{tier}: {output}{error}");
        Assert.StartsWith("--set offload.link.bandwidth=1 bit/s: offload.link.bandwidth: '1 bit/s' is too extreme for this workload", error, StringComparison.Ordinal);
        Assert.DoesNotContain("%", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ARunWhoseSqnrIsNaN_WritesNanInSummaryJson_NotExit2()
    {
        string dir = TempDirectory();
        float[] a = [.. Enumerable.Repeat(1f, 128)];
        a[3] = float.PositiveInfinity; // FP16 holds ∞, so the operand is taken; the SQNR has no finite value
        AccelSim.Tests.Workloads.NpyArrayTests.WriteNpy(dir, "a.npy", "<f4", [1, 128], [.. a.SelectMany(BitConverter.GetBytes)]);
        AccelSim.Tests.Workloads.NpyArrayTests.WriteNpy(dir, "w.npy", "<f4", [128, 1], [.. Enumerable.Repeat(0.5f, 128).SelectMany(BitConverter.GetBytes)]);
        string workload = Write(dir, "w.yaml", "kind: gemm\nactivation_format: fp16\nweight_format: int4-g128\nops:\n  - {name: g, m: 1, n: 1, k: 128, activations: a.npy, weights: w.npy}\n");
        string outDir = Path.Combine(dir, "out");
        (int exit, string output, string error) = Run("run", "-a", "fp16-dequant-baseline", "-w", workload, "--functional", "full", "--out", outDir);
        Assert.True(exit == 0, error);
        Assert.Contains("nan dB", output, StringComparison.Ordinal);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("nan", summary.RootElement.GetProperty("sqnr_db").GetString());
    }

    [Fact]
    public void AMergeOrAPlotOverSomeoneElsesFile_IsRefused_AndTheFileKept()
    {
        string dir = TempDirectory();
        string sweep = Path.Combine(dir, "sweep");
        (int exit, _, string error) = Run("sweep", Path.Combine(AppContext.BaseDirectory, "arch-configs", "sweeps", "systolic-size.yaml"), "--out", sweep, "--jobs", "1");
        Assert.True(exit == 0, error);
        string results = File.ReadAllText(Path.Combine(sweep, "results.csv"));
        (exit, _, error) = Run("plot", sweep, "--out", Path.Combine(sweep, "results.csv"));
        Assert.Equal(1, exit);
        Assert.Contains("which this command reads as an input; write elsewhere", error, StringComparison.Ordinal);
        Assert.Equal(results, File.ReadAllText(Path.Combine(sweep, "results.csv")));

        string mine = Directory.CreateDirectory(Path.Combine(dir, "mine")).FullName;
        Write(mine, "results.csv", "my own table\n");
        (exit, _, error) = Run("merge", sweep, "--out", mine);
        Assert.Equal(1, exit);
        Assert.Contains("holds a results.csv that no sweep journal goes with", error, StringComparison.Ordinal);
        Assert.Equal("my own table\n", File.ReadAllText(Path.Combine(mine, "results.csv")));
    }

    [Fact]
    public void ResultsOfAChangedBuiltInTechnologyTable_AreNotResumed_TheFingerprintHoldsEveryTable()
    {
        byte[][] tables = [.. AccelSim.Config.TechTableLoader.BuiltInTables()];
        string[] shipped = [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "arch-configs", "tech"), "*.yaml").Order(StringComparer.Ordinal)];
        Assert.Equal(shipped.Select(File.ReadAllBytes), tables);
        string spec = Path.Combine(AppContext.BaseDirectory, "arch-configs", "sweeps", "systolic-size.yaml");
        string before = AccelSim.Sweep.SweepSpecReader.Fingerprint(spec, [], tables);
        for (int t = 0; t < tables.Length; t++)
        {
            byte[][] changed = [.. tables.Select(b => (byte[])b.Clone())];
            changed[t][^2] ^= 1;
            Assert.NotEqual(before, AccelSim.Sweep.SweepSpecReader.Fingerprint(spec, [], changed));
        }
    }

    [Theory]
    [InlineData(",16,16,16,int8,int4,,1,", "c.csv:2:1: name: every row needs a name")]
    [InlineData("up,16,16,16,int8,int4,,1,up", "c.csv:2:1: up: dependencies form a cycle, so these operations can never start: up")]
    [InlineData("up,16,16,16,int8,int4,,1,nothere", "c.csv:2:1: up.depends_on: no operation named 'nothere'")]
    [InlineData("up,16,16,16,int8,int4,,1,\nup,16,16,16,int8,int4,,1,", "c.csv:3:1: up: duplicate operation name")]
    [InlineData("up,,16,16,int8,int4,,1,", "c.csv:2:4: up.m: expected a whole number, found ''")]
    [InlineData("a,16,16,16,int8,int4,,1,b\nb,16,16,16,int8,int4,,1,a", "c.csv:2:1: a: dependencies form a cycle, so these operations can never start: a, b")]
    [InlineData("up,16,16,16,,,,,", null)]
    [InlineData("up,16,16,16,int8,int4,,1,\"\"", null)]
    public void GarbledTraceCells_AreAnErrorAtTheirCell_OrRun_NeverANullReferenceInTheRun(string rows, string? expected)
    {
        string dir = TempDirectory();
        string trace = Write(dir, "c.csv", "name,m,n,k,activation_format,weight_format,group_size,repeat,depends_on\n" + rows + "\n");
        (int exit, string output, string error) = Run("run", "-a", "int8-systolic", "-w", trace, "--functional", "full", "--out", Path.Combine(dir, "out"));
        Assert.True(exit == (expected is null ? 0 : 1), output + error);
        if (expected is not null)
        {
            Assert.StartsWith(Path.Combine(dir, expected), error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AFormatAPeCannotHold_IsAnErrorAtTheList_NotAnInternalErrorSizingItsPartialSums()
    {
        // Found by the fuzzer (seed 31, input 56474): mxfp4 activations on the shift-add unit crashed the buffer check.
        foreach (string design in new[] { "default", "bitserial-bitmod", "lut-tensor-core", "mixpe-w4a8", "fp16-dequant-baseline", "neupims" })
        {
            foreach (string format in new[] { "mxfp4", "nvfp4", "fp32", "int4-g128", "ternary" })
            {
                foreach (string key in new[] { "activation_formats", "weight_formats" })
                {
                    (int exit, _, string error) = Run("validate", "--arch", design, "--workload", "mlp-w4a8", "--set", $"compute[*].{key}=[{format}]");
                    Assert.True(exit is 0 or 1, $"{design} {key}={format}: exit {exit}: {error}");
                }
            }
        }

        (int code, _, string message) = Run("validate", "--arch", "mixpe-w4a8", "--workload", "mlp-w4a8", "--set", "compute[mix].activation_formats=[mxfp4]");
        Assert.Equal(1, code);
        Assert.Contains("compute[mix].activation_formats: shift-add cannot use mxfp4", message, StringComparison.Ordinal);
    }
}
