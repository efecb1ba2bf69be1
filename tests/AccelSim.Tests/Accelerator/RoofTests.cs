using AccelSim.Accelerator;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using AccelSim.Workloads;

namespace AccelSim.Tests.Accelerator;

/// <summary>
/// No schedule beats the roof: on every shipped design and every shipped GEMM or transformer workload it can run
/// (timing only), each GEMM takes at least its roof — its array's closed form for the whole GEMM over its cores, every
/// operand crossing DRAM once at peak bandwidth, and its busiest buffer port. A GEMM below it would mean the engine
/// skipped work or moved data faster than the hardware can.
/// </summary>
public class RoofTests
{
    public static TheoryData<string> Designs()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "arch-configs"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    // FP16 GEMMs at decode, batch and prefill sizes, so designs whose units take FP16 only are covered too.
    private const string Fp16Gemms = """
        kind: gemm
        activation_format: fp16
        weight_format: fp16
        ops:
          - {name: gemv, m: 1, n: 4096, k: 4096}
          - {name: batch, m: 64, n: 11008, k: 4096}
          - {name: prefill, m: 512, n: 4096, k: 4096}
        """;

    [Theory]
    [MemberData(nameof(Designs))]
    public void EveryShippedGemm_TakesNoLessThanItsRoof(string design)
    {
        string root = AppContext.BaseDirectory;
        ArchitectureConfig? arch = ArchitectureLoader.Load(Path.Combine(root, "arch-configs", design), [], new Diagnostics());
        Assert.NotNull(arch);
        int ran = 0;
        string fp16 = Cli.CliRunner.Write(Cli.CliRunner.TempDirectory(), "fp16-gemms.yaml", Fp16Gemms);
        IEnumerable<string> workloads = Directory.GetFiles(Path.Combine(root, "workloads"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Append(fp16);
        foreach (string workload in workloads)
        {
            // One layer of a transformer stands for all of them: its GEMMs repeat layer after layer.
            Workload? work = WorkloadLoader.Load(workload, ["layers=1"], new Diagnostics()) ?? WorkloadLoader.Load(workload, [], new Diagnostics());
            var diagnostics = new Diagnostics();
            Simulation? simulation = work is null || work.Operations.Count == 0 ? null : Simulation.Create(arch, work, new RunOptions(FunctionalMode.Off), diagnostics);
            if (simulation is null)
            {
                continue;
            }

            foreach (OpResult op in simulation.Run().Ops.Where(o => o.Roof is not null))
            {
                Assert.True(op.TotalCycles >= op.Roof!.Value.Cycles,
                    $"{design} on {Path.GetFileName(workload)}: {op.Name} took {op.TotalCycles} cycles, below its {op.Roof.Value.Bound} roof of {op.Roof.Value.Cycles}");
                Assert.True(op.Roof.Value.Cycles > 0, $"{op.Name}: a GEMM's roof is above zero");
            }

            ran++;
        }

        Assert.True(ran > 0, $"{design} ran no shipped workload");
    }
}
