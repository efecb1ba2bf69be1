using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Config;

/// <summary>
/// Every class of input error, from the files in Config/BadConfigs, with the exact message a user sees: all errors
/// of a file at once, each as file:line:col: path: message, exit code 1, and no stack trace.
/// </summary>
public class BadConfigTests
{
    private const string Formats = "Valid formats: int2, int3, int4, int5, int6, int7, int8, int2-sym, int3-sym, int4-sym, int5-sym, int6-sym, int7-sym, int8-sym, uint1, uint2, uint3, uint4, uint5, uint6, uint7, uint8, ternary, binary, fp4-e2m1, fp6-e2m3, fp6-e3m2, fp8-e4m3, fp8-e5m2, fp16, bf16, fp32, e8m0, ue4m3, mxfp8-e4m3, mxfp8-e5m2, mxfp6-e3m2, mxfp6-e2m3, mxfp4, mxint8, nvfp4, group-wise intN-gSIZE[-sym] and BitMoD's bitmod3-gSIZE/bitmod4-gSIZE, such as int4-g128, int4-g128-sym, int3-g128, int2-g64, int8-g128, int4-gch, int8-gch-sym, int4-gtensor, bitmod4-g128, bitmod3-g128.";

    private static string[] Validate(string file, params string[] extra)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "Config", "BadConfigs");
        (int exit, string output, string error) = Run(["validate", Path.Combine(dir, file), .. extra]);
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return [.. error.Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public void UnknownAndDuplicateKeys() => Assert.Equal(
        [
            "unknown-and-duplicate-keys.yaml:3:1: duplicate key 'clock' (first given at line 2); this one is ignored",
            "unknown-and-duplicate-keys.yaml:5:5: compute[mxu].columns: required key is missing (PE columns of the array)",
            "unknown-and-duplicate-keys.yaml:8:5: compute[mxu].colums: unknown key; did you mean 'columns'?",
            "unknown-and-duplicate-keys.yaml:19:1: vectr: unknown key; did you mean 'vector'?",
            "4 errors; nothing was run",
        ],
        Validate("unknown-and-duplicate-keys.yaml"));

    [Fact]
    public void BankTimedMemory_MixedModelsInconsistentOrganizationBadMappingAndTimings() => Assert.Equal(
        [
            "bad-bank-timing.yaml:19:14: memory.bandwidth: 'bandwidth' belongs to the fast bandwidth-latency model, but organization and timing choose the bank-timed one; give one or the other",
            "bad-bank-timing.yaml:20:13: memory.capacity: a bank-timed memory's capacity follows from its organization (channels × pseudo-channels × banks × rows × row size); remove the key",
            "bad-bank-timing.yaml:27:14: memory.organization.columns: 66 columns per row are not a whole number of 4-column bursts",
            "bad-bank-timing.yaml:28:16: memory.organization.bus_width: 128 bits do not split evenly into 3 pseudo-channels",
            "bad-bank-timing.yaml:31:20: memory.address_mapping: 'ro-ba-co-bg-ch-rank' must name each of ch, pc, bg, ba, ro, co exactly once, most significant first (such as ro-ba-co-bg-pc-ch); unknown: rank; missing: pc",
            "bad-bank-timing.yaml:33:5: memory.timing.tRRD_L: required key is missing (cycles of tCK)",
            "bad-bank-timing.yaml:43:11: memory.timing.tRFC: expected a whole number, found 'fast'",
            "7 errors; nothing was run",
        ],
        Validate("bad-bank-timing.yaml"));

    [Fact]
    public void PimBlock_GroupAndUnevenFormats_IntegerInput_OddBanks() => Assert.Equal(
        [
            "bad-pim.yaml:25:16: memory.pim.placement: 9 banks per channel do not pair up",
            "bad-pim.yaml:27:19: memory.pim.input_format: the broadcast input vector is a 16-bit floating-point format (fp16, bf16), not int8",
            "bad-pim.yaml:28:21: memory.pim.formats: int4-g128 has a scale per 128 elements; a PIM unit holds one scale per matrix, so give a per-tensor format such as int4",
            "bad-pim.yaml:28:32: memory.pim.formats: int3 elements (3 bits) do not fill a 256-bit access evenly",
            "bad-pim.yaml:29:11: memory.pim.mode: 'dual' is not one of blocked, dual-row-buffer",
            "5 errors; nothing was run",
        ],
        Validate("bad-pim.yaml"));

    [Fact]
    public void AUnit_ThatCannotRunADeclaredFormat_WithAnyDeclaredFormatOfTheOtherOperand() => Assert.Equal(
        [
            "formats-that-never-pair.yaml:9:21: compute[sa].weight_formats: int8 weights run with none of the listed activation formats (fp16, bf16): fp16 × int8 mixes integer and floating-point operands, which one MAC array does not; list an activation format they run with, or drop int8",
            "1 error; nothing was run",
        ],
        Validate("formats-that-never-pair.yaml"));

    [Fact]
    public void PimScheduler_OnAMemoryWithoutPim() => Assert.Equal(
        [
            "pim-scheduler-without-pim.yaml:3:12: scheduler: npu+pim runs attention in PIM banks, but the memory has none; add a pim: block to an hbm with organization and timing (see arch-configs/presets/hbm2-neupims-pim.yaml)",
            "1 error; nothing was run",
        ],
        Validate("pim-scheduler-without-pim.yaml"));

    [Fact]
    public void WrongTypesOutOfRangeAndMissingUnits() => Assert.Equal(
        [
            "types-ranges-units.yaml:2:8: clock: '1000' has no unit: expected a frequency with a unit (Hz, kHz, MHz, GHz), e.g. '1 GHz'",
            "types-ranges-units.yaml:6:11: compute[mxu].rows: 0 is out of range: must be from 1 to 4096",
            "types-ranges-units.yaml:7:14: compute[mxu].columns: expected a whole number, found 'many'",
            "types-ranges-units.yaml:8:15: compute[mxu].dataflow: 'row-stationary' is not one of weight-stationary, output-stationary, input-stationary, ws, os, is",
            "types-ranges-units.yaml:14:21: buffers[all].read_bandwidth: '64' has no unit: expected a bandwidth with a unit (B/cycle, bit/s, b/s, Gbit/s, B/s, kB/s, KB/s, MB/s, GB/s, TB/s, KiB/s, MiB/s, GiB/s), e.g. '1 GiB/s'",
            "types-ranges-units.yaml:16:22: buffers[all].double_buffered: expected true or false, found 'maybe'",
            "types-ranges-units.yaml:18:9: memory: expected a mapping of keys to values, found a list",
            "7 errors; nothing was run",
        ],
        Validate("types-ranges-units.yaml"));

    [Fact]
    public void MissingKeysUnknownKindsAndUnsupportedFormats() => Assert.Equal(
        [
            "missing-and-unsupported.yaml:1:1: buffers: no buffer holds weights; add it to one buffer's 'holds'",
            "missing-and-unsupported.yaml:1:1: buffers: no buffer holds outputs; add it to one buffer's 'holds'",
            "missing-and-unsupported.yaml:4:5: compute[mxu].columns: required key is missing (PE columns of the array)",
            "missing-and-unsupported.yaml:8:21: compute[mxu].weight_formats: systolic cannot use mxfp4: mxfp4 has a scale every 32 elements along K, and a plain systolic array has no per-group dequantization; use a per-tensor or per-channel format here",
            $"missing-and-unsupported.yaml:8:29: compute[mxu].weight_formats: unknown format 'int9' (did you mean 'int2'?). {Formats}",
            "missing-and-unsupported.yaml:10:11: compute[lut].kind: 'analog-crossbar' is not one of systolic, dequant-mac, shift-add, bit-serial, lut-core",
            "missing-and-unsupported.yaml:20:3: memory.technology: required key is missing (the memory technology the cost table prices, e.g. hbm2e, lpddr4, ddr3)",
            "missing-and-unsupported.yaml:20:3: memory.latency: required key is missing (access latency, e.g. 100 ns)",
            "8 errors; nothing was run",
        ],
        Validate("missing-and-unsupported.yaml"));

    [Fact]
    public void UnknownNode_BadCostUnits_IncompleteMemory_FallingPoints() => Assert.Equal(
        [
            "bad-technology.yaml:2:13: technology: no built-in technology table for 22 nm; built in: 7 nm, 16 nm, 28 nm, 45 nm, 65 nm; or name a table file that scales one (base: 45 nm, node: ...)",
            "bad-technology.yaml:26:21: costs.register.energy_per_bit: unknown unit 'pF' in '0.01 pF': expected an energy with a unit (pJ, fJ, aJ, nJ, uJ, µJ, mJ, J), e.g. '1 pJ' (did you mean 'pJ'?)",
            "bad-technology.yaml:28:11: costs.memories.hbm3.write: required key is missing (e.g. 3.9 pJ/bit)",
            "bad-technology.yaml:28:18: costs.memories.hbm3.read: expected an energy per bit, e.g. '3.9 pJ/bit', found '4 pJ'",
            "bad-technology.yaml:30:5: costs.int_multiply: needs one or more points, no two with the same operands, whose energy and area do not fall as the size grows",
            "5 errors; nothing was run",
        ],
        Validate("bad-technology.yaml"));

    [Fact]
    public void EveryActivityWithoutAPrice_NamesTheActivityAndTheTable()
    {
        const string table = "tech/no-float.yaml";
        string[] errors = Validate("unpriced.yaml");
        string Unpriced(string at, string who, string activity, string why) =>
            $"unpriced.yaml:{at}: {who} counts '{activity}', which {table} cannot price: {why}; add it to the design's costs: section or use a table that has it";
        Assert.Equal(
            [
                Unpriced("2:13: technology", "compute unit 'mxu' (fp16 × fp16)", "multiply e5m10×e5m10", "the table has no fp_multiply rule"),
                Unpriced("2:13: technology", "compute unit 'mxu' (fp16 × fp16)", "add e8m23", "the table has no fp_add rule"),
                Unpriced("2:13: technology", "the vector unit", "multiply e8m23×e8m23", "the table has no fp_multiply rule"),
                Unpriced("20:15: memory.technology", "memory", "dram read hbm3 (per bit)", "the table prices no memory technology 'hbm3' (it has: hbm2)"),
                Unpriced("20:15: memory.technology", "memory", "dram write hbm3 (per bit)", "the table prices no memory technology 'hbm3' (it has: hbm2)"),
                Unpriced("25:3: interconnect.link", "the interconnect", "link transfer interconnect (per bit)", "the table has no links.interconnect entry"),
                "6 errors; nothing was run",
            ],
            errors);
    }

    [Fact]
    public void BufferTooSmallForOneTile_AndMissingPreset() => Assert.Equal(
        [
            "buffer-too-small.yaml:18:15: buffers[weights].capacity: 16 KiB double-buffered leaves 8 KiB per tile, less than one tile of compute unit 'mxu' needs: 16 KiB (128×128 int8), short by 8 KiB",
            "buffer-too-small.yaml:24:3: memory.kind: required key is missing",
            "buffer-too-small.yaml:24:11: preset: no such file 'missing-preset.yaml': not at 'missing-preset.yaml' next to 'buffer-too-small.yaml', nor among the bundled files in "
                + $"{Path.Combine(AppContext.BaseDirectory, "arch-configs")} and {Path.Combine(AppContext.BaseDirectory, "workloads")}",
            "3 errors; nothing was run",
        ],
        Validate("buffer-too-small.yaml"));

    [Fact]
    public void WorkloadErrors_IncludingTheDag() => Assert.Equal(
        [
            "bad-workload.yaml:3:5: a: dependencies form a cycle, so these operations can never start: a, b, c",
            "bad-workload.yaml:6:8: ops[a].k: 0 is out of range: must be from 1 to 2147483647",
            "bad-workload.yaml:9:5: b.depends_on: no operation named 'x' (did you mean 'a'?)",
            $"bad-workload.yaml:18:24: ops[c].activation_format: unknown format 'fp7' (did you mean 'fp16'?). {Formats}",
            "4 errors; nothing was run",
        ],
        Validate("bad-workload.yaml"));

    [Fact]
    public void CsvTraceErrors() => Assert.Equal(
        [
            "bad-trace.csv:1:12: weight_fmt: unknown column; did you mean 'weight_format'?",
            "bad-trace.csv:2:7: x.k: -1 is out of range: must be from 1 to 2147483647",
            "bad-trace.csv:3:5: y.n: expected a whole number, found 'four'",
            "3 errors; nothing was run",
        ],
        Validate("bad-trace.csv"));

    [Fact]
    public void ScaleSimConfigErrors() => Assert.Equal(
        [
            "bad-scalesim.cfg:1:1: ArrayWidth: required SCALE-Sim key is missing",
            "bad-scalesim.cfg:1:1: IfmapSramSzkB: required SCALE-Sim key is missing",
            "bad-scalesim.cfg:1:1: FilterSramSzkB: required SCALE-Sim key is missing",
            "bad-scalesim.cfg:1:1: OfmapSramSzkB: required SCALE-Sim key is missing",
            "bad-scalesim.cfg:3:12: compute[array].dataflow: 'diagonal' is not one of weight-stationary, output-stationary, input-stationary, ws, os, is",
            "bad-scalesim.cfg:6:21: InterfaceBandwidth: 'SOMETIMES' is not CALC or USER",
            "6 errors; nothing was run",
        ],
        Validate("bad-scalesim.cfg"));

    [Fact]
    public void SetOverrides_AreCheckedLikeTheFile()
    {
        string dir = TempDirectory();
        (int exit, string output, string error) = Run("run", "--out", dir,
            "--set", "compute[mxu].rows=-4", "--set", "compute[mxv].rows=4", "--set", "memory.bandwith=1 GB/s", "--set", "batch=0");
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal(
            [
                "--set compute[mxv].rows=4: compute[mxv]: no item named 'mxv'; the names are mxu (did you mean 'mxu'?)",
                "--set compute[mxu].rows=-4: compute[mxu].rows: -4 is out of range: must be from 1 to 4096",
                "--set memory.bandwith=1 GB/s: memory.bandwith: unknown key; did you mean 'bandwidth'?",
                "--set batch=0: batch: 0 is out of range: must be from 1 to 1048576",
                "4 errors; nothing was run",
            ],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(Path.Combine(dir, "ops.csv")));
    }

    [Fact]
    public void FormatTheDesignCannotRun_IsReportedAtTheOperation()
    {
        string dir = TempDirectory();
        string workload = Write(dir, "w.yaml", "kind: gemm\nops:\n  - name: x\n    m: 4\n    n: 4\n    k: 4\n    weight_format: fp8-e4m3\n");
        (int exit, _, string error) = Run("run", "--workload", workload, "--out", dir);
        Assert.Equal(1, exit);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal($"{workload}:3:5: x: no compute unit of tpu-like-int8 can run int8 × fp8-e4m3: weight format fp8-e4m3 is not one of mxu's weight_formats (int8, int4)", lines[0]);
        Assert.StartsWith("hint: bundled workloads tpu-like-int8 runs: --workload ", lines[1], StringComparison.Ordinal);
        Assert.Equal("1 error; nothing was run", lines[2]);
    }
}
