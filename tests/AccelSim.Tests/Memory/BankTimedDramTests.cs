using AccelSim.Config.Yaml;
using AccelSim.Memory;
using AccelSim.Memory.BankTimed;
using AccelSim.Units;
using Xunit;
using Xunit.Abstractions;

namespace AccelSim.Tests.Memory;

public class BankTimedDramTests(ITestOutputHelper output)
{
    private static readonly string[] PresetNames = ["hbm2-neupims", "hbm2e-timed", "hbm3-timed", "lpddr5-timed", "gddr6-aim"];

    public static TheoryData<string> Presets => new(PresetNames);

    /// <summary>Every bank-timed preset with seeds 0 to <paramref name="seeds"/> − 1.</summary>
    internal static TheoryData<string, int> PresetsAndSeeds(int seeds)
    {
        var data = new TheoryData<string, int>();
        foreach (string preset in PresetNames)
        {
            for (int seed = 0; seed < seeds; seed++)
            {
                data.Add(preset, seed);
            }
        }

        return data;
    }

    internal static BankTimedDramConfig Preset(string name, params string[] overrides)
    {
        var diagnostics = new Diagnostics();
        string path = Path.Combine(AppContext.BaseDirectory, "arch-configs", "presets", name + ".yaml");
        MappingReader reader = MappingReader.OpenDocument(path, overrides, diagnostics)!;
        MemoryConfig config = MemoryCatalog.Find(reader.String("kind"))!.Read(reader);
        reader.Finish();
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        return Assert.IsType<BankTimedDramConfig>(config);
    }

    private static double Fraction(BankTimedDramConfig config, ByteSize moved, SimTime took) =>
        moved.Bits / took.Seconds / config.PeakBandwidth!.Value.BitsPerSecond;

    [Theory]
    [MemberData(nameof(Presets))]
    public void SequentialReads_ReachNinetyPercentOfThePeak(string preset)
    {
        BankTimedDramConfig config = Preset(preset);
        IMemoryModel memory = config.Build(null);
        ByteSize chunk = ByteSize.FromBytes(1 << 20);
        SimTime done = SimTime.Zero;
        for (int i = 0; i < 64; i++)
        {
            done = SimTime.Max(done, memory.Access(SimTime.Zero, new MemoryRequest(chunk, false, "stream")));
        }

        double fraction = Fraction(config, chunk * 64, done);
        output.WriteLine($"{preset}: sequential {fraction:P1} of {config.PeakBandwidth}, {memory.Stats.Rows}");
        Assert.InRange(fraction, 0.90, 1.0);
        RowBufferStats rows = memory.Stats.Rows!;
        Assert.True(rows.Hits > 10 * rows.Activations, $"{rows}");
        Assert.True(rows.Refreshes > 0);
    }

    private static (double BytesPerSecond, RowBufferStats Rows) RandomReads(BankTimedDramConfig config, int count)
    {
        IMemoryModel memory = config.Build(null);
        DramOrganization o = config.Organization;
        var random = new Random(7);
        long span = o.Capacity.Bytes / o.BurstBytes;
        SimTime done = SimTime.Zero;
        for (int i = 0; i < count; i++)
        {
            long address = random.NextInt64(span) * o.BurstBytes;
            done = SimTime.Max(done, memory.Access(SimTime.Zero, new MemoryRequest(ByteSize.FromBytes(o.BurstBytes), false, "random", address)));
        }

        return (count * (double)o.BurstBytes / done.Seconds, memory.Stats.Rows!);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void RandomReads_AreLimitedByActivations(string preset)
    {
        BankTimedDramConfig config = Preset(preset);
        DramOrganization o = config.Organization;
        DramTiming t = config.Timing;
        const int count = 100_000;
        (double measured, RowBufferStats rows) = RandomReads(config, count);

        // Each burst opens a row: a unit activates at most once per tRRD_S, four times per tFAW and once per bank per
        // tRC. The controller issues in order, so a burst whose bank is still busy holds up the ones behind it and the
        // bound is not reached; a quarter of it is.
        double interval = Math.Max(Math.Max(t.RrdS, t.Faw / 4.0), Math.Max((double)t.Rc / o.Banks, t.Burst.Picoseconds / (double)t.Tck.Picoseconds));
        double bound = o.Units * o.BurstBytes / (interval * t.Tck.Seconds);
        output.WriteLine($"{preset}: random {measured / 1e9:F1} GB/s, activation bound {bound / 1e9:F1} GB/s ({measured / bound:P0}), peak {config.PeakBandwidth}");
        Assert.InRange(measured, 0.25 * bound, bound);
        Assert.True(measured < 0.5 * config.PeakBandwidth!.Value.BitsPerSecond / 8);
        Assert.True(rows.Activations > 0.99 * count, $"{rows}");
    }

    [Fact]
    public void RandomReads_SlowDownWithTheActivationWindow_SequentialOnesDoNot()
    {
        // hbm2-neupims: tFAW / 4 = 7.5 cycles is the tightest activation limit, so doubling tFAW costs random reads.
        (double fast, _) = RandomReads(Preset("hbm2-neupims"), 50_000);
        (double slow, _) = RandomReads(Preset("hbm2-neupims", "timing.tFAW=60"), 50_000);
        Assert.True(slow < 0.8 * fast, $"{slow:E3} vs {fast:E3} B/s");

        // Longer row cycles (tRAS) hurt random reads too.
        (double longRows, _) = RandomReads(Preset("hbm2-neupims", "timing.tRAS=100"), 50_000);
        Assert.True(longRows < 0.9 * fast, $"{longRows:E3} vs {fast:E3} B/s");
    }

    [Fact]
    public void OneRead_FromIdle_TakesActivateThenCasLatencyThenTheBurst()
    {
        // hbm2-neupims: tCK 1 ns, tRCD 14, tCL 14, tRAS 34, tRP 14, a 64-byte burst holds the bus 2 ns.
        IMemoryModel memory = Preset("hbm2-neupims").Build(null);
        var burst = ByteSize.FromBytes(64);
        SimTime first = memory.Access(SimTime.Zero, new MemoryRequest(burst, false, "a", 0));
        Assert.Equal(new SimTime((14 + 14 + 2) * 1000), first);

        // The next column of the same row, once the first is done: a row hit, tCL + burst after it is asked for.
        SimTime hit = memory.Access(first, new MemoryRequest(burst, false, "b", 64L * 32 * 4));
        Assert.Equal(first + new SimTime((14 + 2) * 1000), hit);

        // Another row of the same bank: precharge (after tRAS from the activation at 0 ns), tRP, activate, tRCD, tCL, burst.
        long rowBytes = 1024L * 32 * 32;
        SimTime conflict = memory.Access(hit, new MemoryRequest(burst, false, "c", rowBytes));
        long precharge = Math.Max(hit.Picoseconds, 34_000);
        Assert.Equal(new SimTime(precharge + ((14 + 14 + 14 + 2) * 1000)), conflict);
        Assert.Equal(new RowBufferStats(1, 1, 1, 0), memory.Stats.Rows);
    }

    [Fact]
    public void ClosedPage_TurnsRepeatedRowsIntoMisses_ButKeepsARequestsOwnRowOpen()
    {
        var burst = ByteSize.FromBytes(64);
        // Columns lowest, so consecutive bursts stay in one row of one bank.
        IMemoryModel open = Preset("hbm2-neupims", "address_mapping=ch-pc-bg-ba-ro-co").Build(null);
        IMemoryModel closed = Preset("hbm2-neupims", "address_mapping=ch-pc-bg-ba-ro-co", "page_policy=closed").Build(null);
        foreach (IMemoryModel memory in new[] { open, closed })
        {
            SimTime now = SimTime.Zero;
            for (int i = 0; i < 4; i++)
            {
                now = memory.Access(now, new MemoryRequest(burst, false, "x", 64L * i));
            }

            // Two bursts of one row in one request.
            memory.Access(now, new MemoryRequest(ByteSize.FromBytes(128), false, "y", 64L * 8));
        }

        Assert.Equal(new RowBufferStats(5, 1, 0, 0), open.Stats.Rows);
        Assert.Equal(new RowBufferStats(1, 5, 0, 0), closed.Stats.Rows);
    }

    [Fact]
    public void Mapping_SendsConsecutiveBurstsToSuccessiveChannelsThenBankGroups()
    {
        BankTimedDramConfig config = Preset("hbm2-neupims");
        Span<long> f = stackalloc long[AddressMapping.Fields.Length];
        config.Mapping.Decode(1, f);
        Assert.Equal([1, 0, 0, 0, 0, 0], f.ToArray());
        config.Mapping.Decode(32, f);
        Assert.Equal([0, 0, 1, 0, 0, 0], f.ToArray());
        config.Mapping.Decode(32 * 4, f);
        Assert.Equal([0, 0, 0, 0, 0, 1], f.ToArray());
        config.Mapping.Decode(32L * 4 * 16, f);
        Assert.Equal([0, 0, 0, 1, 0, 0], f.ToArray());
    }

    [Fact]
    public void Presets_GiveTheirDatasheetPeaks()
    {
        Assert.Equal(Bandwidth.Parse("1024 GB/s"), Preset("hbm2-neupims").PeakBandwidth);
        Assert.Equal(Bandwidth.Parse("409.6 GB/s"), Preset("hbm2e-timed").PeakBandwidth);
        Assert.Equal(Bandwidth.Parse("819.2 GB/s"), Preset("hbm3-timed").PeakBandwidth);
        Assert.Equal(Bandwidth.Parse("51.2 GB/s"), Preset("lpddr5-timed").PeakBandwidth);
        Assert.Equal(ByteSize.Parse("32 GiB"), Preset("hbm2-neupims").Organization.Capacity);
    }
}
