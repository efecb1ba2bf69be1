using AccelSim.Config.Yaml;
using AccelSim.Memory.Pim;
using AccelSim.Units;

namespace AccelSim.Memory.BankTimed;

/// <summary>
/// Reads a bank-timed <c>dram</c> or <c>hbm</c>: <c>organization</c>, <c>pin_rate</c>, <c>timing</c> (cycles of
/// <c>tCK</c>), <c>page_policy</c>, <c>address_mapping</c> and <c>queue_depth</c>. Optional timings and their
/// defaults: tCWL = tCL, tRTP = one burst, tWR = 15 ns (JEDEC's write recovery time for DDR3 to DDR5 and HBM).
/// An optional <c>pim:</c> block puts MAC units in the banks (<see cref="PimReader"/>).
/// </summary>
public static class BankTimedDramReader
{
    public const string DefaultMapping = "ro-ba-co-bg-pc-ch";

    public static BankTimedDramConfig? Read(string kind, MappingReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string technology = reader.String("technology", required: true, meaning: "the memory technology the cost table prices, e.g. hbm2");
        DramOrganization? organization = reader.Section("organization", ReadOrganization, required: true, meaning: "channels, banks, rows, columns, bus width, burst length");
        Bandwidth pinRate = reader.Value<Bandwidth>("pin_rate", Bandwidth.TryParse, new Bandwidth(1), required: true, meaning: "data rate per pin, e.g. 2 Gbit/s");
        SimTime burst = organization is null ? default : new SimTime((long)Math.Round(organization.BurstLength * 1e12 / pinRate.BitsPerSecond));
        DramTiming? timing = reader.Section("timing", r => ReadTiming(r, burst), required: true, meaning: "named timing parameters in cycles of tCK");
        PagePolicy policy = reader.Choice("page_policy", ["open", "closed"], "open") == "closed" ? PagePolicy.Closed : PagePolicy.Open;
        int queueDepth = reader.Int("queue_depth", 1, 4096, 32, meaning: "bursts the controller may look ahead to open rows");
        string mappingText = reader.String("address_mapping", DefaultMapping);
        PimConfig? pim = organization is null || timing is null ? null
            : reader.Section("pim", r => PimReader.Read(r, new Frequency(1_000_000_000_000 / Math.Max(1, timing.Tck.Picoseconds)), organization.Banks),
                meaning: "processing-in-memory units in the banks");
        if (reader.Mapping["capacity"] is not null)
        {
            reader.Has("capacity");
            reader.Error("capacity", "a bank-timed memory's capacity follows from its organization (channels × pseudo-channels × banks × rows × row size); remove the key");
        }

        if (organization is null || timing is null)
        {
            return null;
        }

        bool consistent = Consistent(organization, reader);
        AddressMapping? mapping = AddressMapping.Parse(mappingText, organization, out string error);
        if (mapping is null)
        {
            reader.Error("address_mapping", error);
        }

        if (burst.Picoseconds <= 0)
        {
            reader.Error("pin_rate", $"{pinRate} per pin moves a {organization.BurstLength}-beat burst in less than a picosecond");
        }

        if (!consistent || mapping is null || burst.Picoseconds <= 0)
        {
            return null;
        }

        return new BankTimedDramConfig(kind, technology, reader.Mapping["technology"]?.Location ?? reader.Location, organization, timing, mapping, policy, queueDepth, pim);
    }

    private static DramOrganization ReadOrganization(MappingReader r) => new(
        r.Int("channels", 1, 1024, 1, required: true, meaning: "independent channels"),
        r.Int("pseudo_channels", 1, 8, 1, meaning: "independent halves (or quarters) of a channel's bus, each with its own banks"),
        r.Int("bank_groups", 1, 64, 1, required: true),
        r.Int("banks_per_group", 1, 64, 1, required: true),
        r.Int("rows", 1, 1 << 24, 1, required: true, meaning: "rows per bank"),
        r.Int("columns", 1, 1 << 16, 1, required: true, meaning: "column words of a pseudo-channel's bus per row"),
        r.Int("bus_width", 1, 4096, 8, required: true, meaning: "data bits per channel"),
        r.Int("burst_length", 1, 64, 1, required: true, meaning: "bus words per burst"));

    /// <summary>Reports what does not fit together in an organization; true when it all does.</summary>
    private static bool Consistent(DramOrganization o, MappingReader reader)
    {
        var section = (ConfigMapping)reader.Mapping["organization"]!;
        void Error(string key, string message) => reader.Diagnostics.Add(section[key]?.Location ?? section.Location, $"{reader.PathOf("organization")}.{key}", message);
        bool ok = true;
        if (o.BusWidthBits % o.PseudoChannels != 0)
        {
            Error("bus_width", $"{o.BusWidthBits} bits do not split evenly into {o.PseudoChannels} pseudo-channels");
            ok = false;
        }
        else if (o.UnitBusBits * o.BurstLength % 8 != 0)
        {
            Error("burst_length", $"a burst of {o.BurstLength} × {o.UnitBusBits} bits is not a whole number of bytes");
            ok = false;
        }

        if (o.Columns % o.BurstLength != 0)
        {
            Error("columns", $"{o.Columns} columns per row are not a whole number of {o.BurstLength}-column bursts");
            ok = false;
        }

        return ok;
    }

    private static DramTiming ReadTiming(MappingReader r, SimTime burst)
    {
        SimTime tck = r.Value<SimTime>("tCK", SimTime.TryParse, new SimTime(1000), required: true, meaning: "command clock period, e.g. 1 ns");
        if (tck.Picoseconds <= 0)
        {
            r.Error("tCK", "the command clock period must be more than 0 ns");
            tck = new SimTime(1000);
        }

        int Cycles(string key, int fallback = 0, bool required = true) =>
            r.Int(key, 0, 1_000_000, fallback, required, meaning: "cycles of tCK");
        int cl = Cycles("tCL");
        long burstCycles = tck.Picoseconds <= 0 ? 1 : (burst.Picoseconds + tck.Picoseconds - 1) / tck.Picoseconds;
        int writeRecovery = tck.Picoseconds <= 0 ? 0 : (int)((15_000 + tck.Picoseconds - 1) / tck.Picoseconds);
        return new DramTiming(
            tck,
            burst,
            Cycles("tRCD"),
            Cycles("tRP"),
            Cycles("tRAS"),
            cl,
            Cycles("tCWL", cl, required: false),
            Cycles("tCCD_S"),
            Cycles("tCCD_L"),
            Cycles("tRRD_S"),
            Cycles("tRRD_L"),
            Cycles("tFAW"),
            r.Int("tREFI", 1, 10_000_000, 1, required: true, meaning: "cycles of tCK between refreshes"),
            Cycles("tRFC"),
            Cycles("tRTP", (int)burstCycles, required: false),
            Cycles("tWR", writeRecovery, required: false));
    }
}
