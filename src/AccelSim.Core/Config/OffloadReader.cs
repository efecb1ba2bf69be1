using AccelSim.Accelerator.Moe;
using AccelSim.Config.Yaml;
using AccelSim.Memory.HostLink;
using AccelSim.Numerics;
using AccelSim.Units;

namespace AccelSim.Config;

/// <summary>
/// Reads <c>offload:</c>: <c>expert_memory</c>, <c>formats</c> (<c>high</c>, <c>low</c>), <c>host_memory</c>,
/// <c>link</c> (a preset or its keys), optionally <c>host_capacity</c> with a <c>storage</c> link below the host (an
/// NVMe drive), <c>policy</c>, and the chosen policy's parameters in a section of its name
/// (such as <c>hobbit:</c>). A parameter section for a policy not chosen is noted, not used, so a sweep over
/// policies can keep one base design.
/// </summary>
internal static class OffloadReader
{
    private sealed record ExpertFormats(NumericFormat High, NumericFormat? Low);

    /// <summary>The section as read; when it has errors (in the diagnostics, which fail the load) the missing parts are stand-ins.</summary>
    public static OffloadConfig Read(MappingReader reader, List<string> notes)
    {
        ByteSize memory = reader.Value<ByteSize>("expert_memory", PositiveSize, default, required: true, meaning: "device memory left for experts, e.g. 20 GiB");
        NumericFormat fp16 = NumericFormats.Parse("fp16");
        ExpertFormats formats = reader.Section("formats", r => new ExpertFormats(
            r.Value<NumericFormat>("high", NumericFormats.TryParseValue, fp16, required: true, meaning: "the precision every expert is kept in on the host, e.g. fp16"),
            r.Has("low") ? r.Value<NumericFormat>("low", NumericFormats.TryParseValue, fp16, meaning: "a smaller copy of every expert, e.g. int4-g128") : null),
            required: true, meaning: "high (and optionally low) precision copies of the experts") ?? new ExpertFormats(fp16, null);
        string? host = reader.Has("host_memory") ? reader.String("host_memory", meaning: "the technology table's memory entry that prices reading experts on the host, e.g. ddr3") : null;
        HostLinkConfig link = reader.Section("link", HostLinkReader.Read, required: true, meaning: "the link experts are loaded over, e.g. {preset: presets/pcie4-x16.yaml}")
            ?? new HostLinkConfig("missing", new Bandwidth(1), default, "", reader.Location);
        ByteSize? hostCapacity = reader.Has("host_capacity")
            ? reader.Value<ByteSize>("host_capacity", PositiveSize, default, meaning: "host memory for expert copies, e.g. 32 GiB; the rest are read from storage")
            : null;
        HostLinkConfig? storage = reader.Section("storage", HostLinkReader.Read, meaning: "the tier below host memory, e.g. {preset: presets/nvme-gen4.yaml}");
        if (reader.Has("host_capacity") != reader.Has("storage"))
        {
            reader.Error(hostCapacity is null ? "storage" : "host_capacity", hostCapacity is null
                ? "a storage tier needs host_capacity, the host memory that holds expert copies read up from it"
                : "experts that do not fit host_capacity are read from a storage tier; give storage, e.g. {preset: presets/nvme-gen4.yaml}");
        }

        string name = reader.Choice("policy", [.. OffloadPolicies.ByName.Keys], "on-demand-lru", required: true, meaning: "which experts to load, keep and prefetch");
        OffloadPolicy policy = new OnDemandLruPolicy();
        foreach (string other in OffloadPolicies.ByName.Keys.Where(k => k != name && reader.Has(k)))
        {
            notes.Add($"offload.{other} is ignored: the policy is {name}");
        }

        if (OffloadPolicies.ByName.TryGetValue(name, out Func<MappingReader, OffloadPolicy>? read))
        {
            policy = reader.Section(name, read) ?? read(MappingReader.Open(new ConfigMapping(reader.Location), reader.PathOf(name), reader.Diagnostics)!);
        }

        if (policy is HobbitPolicy && formats.Low is null)
        {
            reader.Error("formats", "hobbit loads low-precision copies of experts; give formats.low, e.g. int4-g128");
        }

        return new OffloadConfig(memory, formats.High, formats.Low, host, link, policy, reader.Location,
            reader.Mapping["expert_memory"]?.Location ?? reader.Location, hostCapacity, storage, reader.Mapping["host_capacity"]?.Location ?? reader.Location);
    }

    private static bool PositiveSize(string text, out ByteSize size, out string error)
    {
        if (!ByteSize.TryParse(text, out size, out error))
        {
            return false;
        }

        error = size.Bits > 0 ? "" : "the device needs room for at least one expert";
        return size.Bits > 0;
    }
}
