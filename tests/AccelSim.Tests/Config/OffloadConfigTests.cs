using AccelSim.Accelerator.Moe;
using AccelSim.Config;
using AccelSim.Config.Yaml;
using static AccelSim.Tests.Cli.CliRunner;

namespace AccelSim.Tests.Config;

public class OffloadConfigTests
{
    private static string Design(string offload) => $"""
        name: edge
        technology: 28 nm
        clock: 1 GHz
        compute:
          - name: mac
            kind: dequant-mac
            rows: 32
            columns: 32
            activation_formats: [fp16]
            weight_formats: [fp16, int4-g128]
        buffers:
          - name: all
            capacity: 4 MiB
            read_bandwidth: 256 B/cycle
            write_bandwidth: 256 B/cycle
            holds: [activations, weights, outputs]
        memory:
          kind: dram
          technology: gddr6
          channels: 12
          bandwidth: 1008 GB/s
          latency: 100 ns
        offload:
        {offload}
        """;

    private static string Preset(string name) => Path.Combine(AppContext.BaseDirectory, "arch-configs", "presets", name);

    private static (ArchitectureConfig? Design, string[] Errors) Load(string offload)
    {
        string dir = TempDirectory();
        string file = Write(dir, "d.yaml", Design(offload));
        var diagnostics = new Diagnostics();
        ArchitectureConfig? design = ArchitectureLoader.Load(file, [], diagnostics);
        return (design, [.. diagnostics.Errors.Select(e => e.ToString().Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal))]);
    }

    [Fact]
    public void HobbitOffload_ReadsTheLinkPreset_TheFormats_AndThePolicysParameters()
    {
        (ArchitectureConfig? design, string[] errors) = Load($$"""
              expert_memory: 20 GiB
              formats: {high: fp16, low: int4-g128}
              host_memory: ddr3
              link: {preset: {{Preset("pcie4-x16.yaml")}}}
              policy: hobbit
              hobbit: {high_threshold: 0.5, prefetch_accuracy: 0.8}
              lfu: {}
            """);
        Assert.Empty(errors);
        OffloadConfig offload = design!.Offload!;
        Assert.Equal("20 GiB", offload.ExpertMemory.ToString());
        Assert.Equal(("fp16", "int4-g128"), (offload.High.Name, offload.Low!.Name));
        Assert.Equal(("pcie4-x16", "32 GB/s", "pcie4"), (offload.Link.Name, offload.Link.Bandwidth.ToString(), offload.Link.Technology));
        HobbitPolicy hobbit = Assert.IsType<HobbitPolicy>(offload.Policy);
        Assert.Contains("T1 0.5, T2 0.9, prefetch accuracy 0.8", hobbit.Description, StringComparison.Ordinal);
        Assert.Contains("offload.lfu is ignored: the policy is hobbit", design.Notes);
    }

    [Fact]
    public void BadOffload_IsReportedKeyByKey()
    {
        (ArchitectureConfig? design, string[] errors) = Load("""
              expert_memory: lots
              formats: {high: fp16}
              link: {bandwidth: 32 GB/s}
              policy: hobbit
              hobbit: {high_threshold: 0.9, low_threshold: 0.5, prefetch_accuracy: 1.5}
            """);
        Assert.Null(design);
        Assert.Equal(
            [
                "d.yaml:24:18: offload.expert_memory: 'lots' is not a quantity: expected a size with a unit (bit, b, B, kB, KB, MB, GB, TB, KiB, MiB, GiB, TiB), e.g. '1 TiB'",
                "d.yaml:25:12: offload.formats: hobbit loads low-precision copies of experts; give formats.low, e.g. int4-g128",
                "d.yaml:26:9: offload.link.technology: required key is missing (the technology table's links entry that prices its bits, e.g. pcie4)",
                "d.yaml:28:48: offload.hobbit.low_threshold: T2 (0.5) must not be below T1 (0.9)",
                "d.yaml:28:72: offload.hobbit.prefetch_accuracy: expected a number from 0 to 1, found '1.5'",
            ],
            errors);
    }

    [Fact]
    public void PrefetchAccuracy_AsAList_LooksThatManyLayersAhead_UpToFour()
    {
        const string Hobbit = """
              expert_memory: 20 GiB
              formats: {high: fp16, low: int4-g128}
              link: {preset: PRESET}
              policy: hobbit
              hobbit:
                prefetch_accuracy: ACCURACY
            """;
        string Body(string accuracy) => Hobbit.Replace("PRESET", Preset("pcie4-x16.yaml"), StringComparison.Ordinal).Replace("ACCURACY", accuracy, StringComparison.Ordinal);
        (ArchitectureConfig? design, string[] errors) = Load(Body("[0.96, 0.9, 0.9]"));
        Assert.Empty(errors);
        HobbitPolicy hobbit = Assert.IsType<HobbitPolicy>(design!.Offload!.Policy);
        Assert.Equal(3, hobbit.PrefetchLayers);
        Assert.Contains("prefetch accuracy 0.96, 0.9, 0.9 for 1-3 layers ahead", hobbit.Description, StringComparison.Ordinal);

        (design, errors) = Load(Body("[0.9, 0.9, 0.9, 0.9, 0.9]"));
        Assert.Null(design);
        Assert.Equal(["d.yaml:29:24: offload.hobbit.prefetch_accuracy: one accuracy per layer ahead, at most 4 layers; 5 given"], errors);
        (design, errors) = Load(Body("[0.9, 2]"));
        Assert.Equal(["d.yaml:29:30: offload.hobbit.prefetch_accuracy: expected a number from 0 to 1, found '2'"], errors);
    }

    [Fact]
    public void StorageTier_NeedsHostCapacity_AndTheOtherWayRound()
    {
        string Body(string tier) => $"""
              expert_memory: 20 GiB
              formats: {"{"}high: fp16{"}"}
              host_memory: ddr3
              link: {"{"}preset: {Preset("pcie4-x16.yaml")}{"}"}
              policy: on-demand-lru
            {tier}
            """;
        (ArchitectureConfig? design, string[] errors) = Load(Body($"  host_capacity: 32 GiB\n  storage: {{preset: {Preset("nvme-gen4.yaml")}}}"));
        Assert.Empty(errors);
        Assert.Equal(("32 GiB", "nvme-gen4", "3 GB/s", "nvme"), (design!.Offload!.HostCapacity.ToString(), design.Offload.Storage!.Name,
            design.Offload.Storage.Bandwidth.ToString(), design.Offload.Storage.Technology));

        (design, errors) = Load(Body("  host_capacity: 32 GiB"));
        Assert.Null(design);
        Assert.Equal(["d.yaml:29:18: offload.host_capacity: experts that do not fit host_capacity are read from a storage tier; give storage, e.g. {preset: presets/nvme-gen4.yaml}"], errors);
        (_, errors) = Load(Body($"  storage: {{preset: {Preset("nvme-gen4.yaml")}}}"));
        Assert.Equal(["d.yaml:29:12: offload.storage: a storage tier needs host_capacity, the host memory that holds expert copies read up from it"], errors);
    }
}
