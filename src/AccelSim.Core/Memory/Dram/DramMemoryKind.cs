using AccelSim.Config.Yaml;
using AccelSim.Memory.BankTimed;
using AccelSim.Units;

namespace AccelSim.Memory.Dram;

/// <summary>
/// The <c>kind: dram</c> and <c>kind: hbm</c> entries, in one of two models. The fast one: keys <c>technology</c>
/// (priced by the design's technology table, e.g. hbm2e), <c>channels</c>, <c>bandwidth</c>, <c>latency</c>,
/// <c>capacity</c>. The bank-timed one, chosen by giving <c>organization</c> and <c>timing</c>: see
/// <see cref="BankTimedDramReader"/>.
/// </summary>
public sealed class DramMemoryKind(string kind) : IMemoryKind
{
    private static readonly string[] FastModelKeys = ["channels", "bandwidth", "latency"];

    public string Kind { get; } = kind;

    public string Summary => "channels × (bandwidth / channels), fixed latency; or, with organization and timing, bank by bank (row buffers, tRCD, tFAW, refresh)";

    public MemoryConfig Read(MappingReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        bool banked = reader.Mapping["organization"] is not null || reader.Mapping["timing"] is not null;
        if (!banked)
        {
            return ReadFast(reader);
        }

        foreach (string fastOnly in FastModelKeys.Where(k => reader.Mapping[k] is not null))
        {
            reader.Has(fastOnly);
            reader.Error(fastOnly, $"'{fastOnly}' belongs to the fast bandwidth-latency model, but organization and timing choose the bank-timed one; give one or the other");
        }

        return (MemoryConfig?)BankTimedDramReader.Read(Kind, reader) ?? new Ideal.IdealMemoryConfig();
    }

    private DramMemoryConfig ReadFast(MappingReader reader)
    {
        string technology = reader.String("technology", required: true, meaning: "the memory technology the cost table prices, e.g. hbm2e, lpddr4, ddr3");
        int channels = reader.Int("channels", 1, 1024, 1, required: true, meaning: "independent channels");
        Bandwidth bandwidth = reader.Value<Bandwidth>("bandwidth", Bandwidth.TryParse, new Bandwidth(1), required: true, meaning: "total peak bandwidth, e.g. 819 GB/s");
        if (bandwidth.BitsPerSecond < channels)
        {
            // Each channel gets an equal share; a share below one bit per second is none at all.
            reader.Error("bandwidth", $"{bandwidth} over {channels} channels leaves each less than 1 bit/s");
            bandwidth = new Bandwidth(channels);
        }

        return new(Kind, technology, reader.Mapping["technology"]?.Location ?? reader.Location, channels, bandwidth,
            reader.Value<SimTime>("latency", SimTime.TryParse, default, required: true, meaning: "access latency, e.g. 100 ns"),
            reader.Value<ByteSize>("capacity", ByteSize.TryParse, default));
    }
}
