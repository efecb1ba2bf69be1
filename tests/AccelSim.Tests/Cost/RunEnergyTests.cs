using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Cost;
using AccelSim.Hardware;
using AccelSim.Workloads;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Cost;

/// <summary>Energy and area of whole runs: hand-computed where small, proportional to work, reported for every shipped design.</summary>
public class RunEnergyTests
{
    private static RunResult Simulate(string designPath, string workload)
    {
        var diagnostics = new Diagnostics();
        ArchitectureConfig arch = ArchitectureLoader.Load(designPath, [], diagnostics)!;
        Workload work = WorkloadLoader.Load(Write(TempDirectory(), "w.yaml", workload), [], diagnostics)!;
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        return Simulation.Create(arch, work, new RunOptions(FunctionalMode.Off), diagnostics)!.Run();
    }

    private const string Tiny = """
        name: tiny
        technology: 28 nm
        clock: 1 GHz
        compute:
          - name: mxu
            kind: systolic
            rows: 8
            columns: 8
            dataflow: output-stationary
            activation_formats: [int8]
            weight_formats: [int8]
        buffers:
          - name: all
            capacity: 1 MiB
            banks: 1
            read_bandwidth: 8 B/cycle
            write_bandwidth: 8 B/cycle
            holds: [activations, weights, outputs]
        memory:
          kind: ideal
          technology: hbm2
        vector:
          lanes: 8
        """;

    private static string Gemms(int copies, string activation = "int8", string weight = "int8") =>
        $"kind: gemm\nactivation_format: {activation}\nweight_format: {weight}\nops:\n"
        + string.Concat(Enumerable.Range(0, copies).Select(i => $"  - {{name: g{i}, m: 64, n: 48, k: 96}}\n"));

    [Fact]
    public void ComputeEnergy_IsMacsTimesTheScaledHorowitzMac()
    {
        RunResult run = Simulate(Write(TempDirectory(), "d.yaml", Tiny), Gemms(1));
        // Horowitz 45 nm: INT8 multiply 0.2 pJ + 32-bit add 0.1 pJ. Stillmaker-Baas 45 -> 28 nm at 0.9 V, by hand from
        // the paper's fits: 45 nm 0.84433, 28 nm interpolated between 32 nm (0.541209) and 20 nm (0.20079) = 0.427736.
        double mac = (0.2 + 0.1) * (0.427736 / 0.84433);
        Assert.Equal(64L * 48 * 96, run.Macs);
        Assert.InRange(run.Energy[EnergyComponents.Compute].Picojoules, run.Macs * mac * 0.9999, run.Macs * mac * 1.0001);
        // HBM2 per bit: column read 1.57 or write 2.09 pJ/bit, I/O 2.23 pJ/bit, and (a memory that does not count
        // rows) an 828 pJ activation per 1 KiB row streamed. A and W are loaded once each (they fit), C stored as
        // INT8; each tensor also carries its 32-bit per-tensor scale.
        double read = (((64 * 96) + (96 * 48)) * 8.0) + (2 * 32), written = (64 * 48 * 8.0) + 32, row = 828.0 / 8192;
        Assert.Equal((read * (1.57 + 2.23 + row)) + (written * (2.09 + 2.23 + row)), run.Energy[EnergyComponents.Dram].Picojoules, 6);
    }

    [Fact]
    public void DoublingTheWorkload_DoublesDynamicEnergy()
    {
        string design = Write(TempDirectory(), "d.yaml", Tiny);
        RunResult one = Simulate(design, Gemms(1)), two = Simulate(design, Gemms(2));
        Assert.Equal(2 * one.Energy.Dynamic.Picojoules, two.Energy.Dynamic.Picojoules, 6);
        foreach ((string component, var energy) in one.Energy.Parts.Where(p => !EnergyComponents.IsStatic(p.Key)))
        {
            Assert.Equal(2 * energy.Picojoules, two.Energy[component].Picojoules, 6);
        }
    }

    [Fact]
    public void RunEnergy_IsTheSumOfItsOperations_PlusLeakageOverTheRun()
    {
        RunResult run = Simulate(Write(TempDirectory(), "d.yaml", Tiny), Gemms(3));
        double ops = run.Ops.Sum(o => o.Energy.Total.Picojoules);
        double leakage = run.StaticPower.Watts * run.Makespan.Seconds * 1e12;
        Assert.Equal(ops + leakage, run.Energy.Total.Picojoules, 6);
        Assert.True(leakage > 0);
    }

    [Fact]
    public void DramBackground_IsThePerChannelPowerOverTheRun_AndStaticApartFromDynamic()
    {
        // The fast model's 8 channels of HBM2E, priced as HBM2: 81.6 mW each of standby and refresh.
        string design = Tiny.Replace("  kind: ideal\n  technology: hbm2\n", "  kind: hbm\n  technology: hbm2e\n  channels: 8\n  bandwidth: 409.6 GB/s\n  latency: 100 ns\n", StringComparison.Ordinal);
        Assert.NotEqual(Tiny, design);
        RunResult run = Simulate(Write(TempDirectory(), "d.yaml", design), Gemms(2));
        Assert.Equal(8 * 0.0816 * run.Makespan.Seconds * 1e12, run.Energy[EnergyComponents.DramBackground].Picojoules, 3);
        Assert.Equal(run.Energy[EnergyComponents.Leakage].Picojoules + run.Energy[EnergyComponents.DramBackground].Picojoules, run.Energy.Static.Picojoules, 6);
        Assert.Equal(run.Energy.Total.Picojoules, run.Energy.Static.Picojoules + run.Energy.Dynamic.Picojoules, 3);
        Assert.Equal(run.Area.Sum(a => a.Leakage.Watts) + (8 * 0.0816), run.StaticPower.Watts, 9);
    }

    /// <summary>
    /// The 28 nm multiples are CACTI 7's 32 nm bank leakage (512 KB, hp periphery, 360 K): lop 72.6 and lstp 19.6 mW
    /// against hp's 287.4; array power gating 57.2 of lop's 72.6.
    /// </summary>
    [Theory]
    [InlineData("sram_cells: lop", 72.55 / 287.37)]
    [InlineData("sram_cells: lstp", 19.61 / 287.37)]
    [InlineData("sram_cells: lop\nsram_power_gating: true", 57.16 / 287.37)]
    public void SramCells_ScaleOnlyTheSramLeakage_ByTheCactiRatio(string keys, double ratio)
    {
        RunResult hp = Simulate(Write(TempDirectory(), "d.yaml", Tiny), Gemms(1));
        RunResult other = Simulate(Write(TempDirectory(), "d.yaml", Tiny.Replace("clock: 1 GHz", keys + "\nclock: 1 GHz", StringComparison.Ordinal)), Gemms(1));
        double Leak(RunResult r, bool sram) => r.Area.Where(a => a.Component.StartsWith("sram.", StringComparison.Ordinal) == sram).Sum(a => a.Leakage.Watts);
        Assert.Equal(ratio, Leak(other, sram: true) / Leak(hp, sram: true), 3);
        Assert.Equal(Leak(hp, sram: false), Leak(other, sram: false), 12);
        Assert.Equal(hp.Energy.Dynamic.Picojoules, other.Energy.Dynamic.Picojoules, 6);
        Assert.Contains("SRAM cells", other.Technology, StringComparison.Ordinal);
    }

    [Fact]
    public void SramCells_OfAnUnknownFlavour_NameTheKeyAndTheChoices()
    {
        string path = Write(TempDirectory(), "d.yaml", Tiny.Replace("clock: 1 GHz", "sram_cells: ulp\nclock: 1 GHz", StringComparison.Ordinal));
        var diagnostics = new Diagnostics();
        Assert.Null(ArchitectureLoader.Load(path, [], diagnostics));
        Assert.Contains(diagnostics.Errors, e => e.ToString().Contains($"{path}:3:13: sram_cells", StringComparison.Ordinal)
            && e.ToString().Contains("hp", StringComparison.Ordinal) && e.ToString().Contains("lstp", StringComparison.Ordinal));
    }

    public static TheoryData<string> ShippedDesigns()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "arch-configs");
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(root, file);
            if (!relative.StartsWith("presets", StringComparison.Ordinal) && !relative.StartsWith("tech", StringComparison.Ordinal)
                && !relative.StartsWith("sweeps", StringComparison.Ordinal))
            {
                data.Add(relative);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedDesigns))]
    public void EveryShippedDesign_ReportsEnergyAndAreaByComponent(string design)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "arch-configs", design);
        ComputeUnitConfig unit = ArchitectureLoader.Load(path, [], new Diagnostics())!.Compute[0];
        RunResult run = Simulate(path, Gemms(1, unit.ActivationFormats[0].Name, unit.WeightFormats[0].Name));
        foreach (string component in new[] { EnergyComponents.Compute, EnergyComponents.Register, EnergyComponents.Dram, EnergyComponents.Leakage })
        {
            Assert.True(run.Energy[component].Picojoules > 0, $"{design}: no {component} energy");
        }

        Assert.Contains(run.Energy.Parts, p => p.Key.StartsWith("sram.", StringComparison.Ordinal) && p.Value.Picojoules > 0);
        Assert.True(run.TotalArea.SquareMillimetres > 0);
        Assert.Contains(run.Area, a => a.Component == "vector");
        Assert.All(run.Area, a => Assert.True(a.Area.SquareMicrometres > 0 && a.Leakage.Watts > 0, $"{design}: {a.Component} {a.Description}"));
    }
}
