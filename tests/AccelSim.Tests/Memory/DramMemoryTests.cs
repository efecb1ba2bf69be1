using AccelSim.Config.Yaml;
using AccelSim.Events;
using AccelSim.Memory;
using AccelSim.Memory.Dram;
using AccelSim.Units;
using Xunit;

namespace AccelSim.Tests.Memory;

public class DramMemoryTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(32)]
    public void OneChannelStandingForAll_MatchesServingEveryChannel(int channels)
    {
        // With a timeline every channel is served (each is drawn); without one, channel 0 stands for the rest.
        var config = new DramMemoryConfig("hbm", "hbm2e", default, channels, Bandwidth.Parse("409.6 GB/s"), SimTime.Parse("100 ns"), default);
        var timeline = new Timeline();
        IMemoryModel every = config.Build(timeline);
        IMemoryModel one = config.Build(null);
        var random = new Random(channels);
        SimTime now = SimTime.Zero;
        for (int i = 0; i < 2_000; i++)
        {
            var request = new MemoryRequest(new ByteSize(random.NextInt64(1, 1L << random.Next(1, 34))), random.Next(3) == 0, "r");
            SimTime expected = every.Access(now, request);
            Assert.Equal(expected, one.Access(now, request));
            now = random.Next(2) == 0 ? now : new SimTime((now.Picoseconds + expected.Picoseconds) / 2);
        }

        Assert.Equal(every.Channels, one.Channels);
        Assert.Equal(every.Stats, one.Stats);
        Assert.Equal(channels, timeline.Spans.Select(s => s.Track).Distinct().Count());
    }

    [Fact]
    public void RepeatingAStretch_CountsWhatServingItAgainLaterCounts()
    {
        // A stretch of requests from an idle moment, accounted for once more by RepeatSince, against a memory that
        // serves the same requests again a period later.
        var config = new DramMemoryConfig("hbm", "hbm2e", default, 8, Bandwidth.Parse("409.6 GB/s"), SimTime.Parse("100 ns"), default);
        IMemoryModel repeated = config.Build(null), served = config.Build(null);
        var random = new Random(5);
        var stretch = Enumerable.Range(0, 50).Select(i => (At: new SimTime(i * 9_000L), Request: new MemoryRequest(new ByteSize(random.NextInt64(8, 1 << 20)), random.Next(2) == 0, "r"))).ToList();
        foreach (IMemoryModel memory in new[] { repeated, served })
        {
            memory.Access(SimTime.Zero, new MemoryRequest(new ByteSize(4096), false, "before"));
        }

        SimTime start = SimTime.Parse("1 us");
        MemoryCheckpoint since = repeated.IdleCheckpoint(start)!;
        SimTime end = start;
        foreach ((SimTime at, MemoryRequest request) in stretch)
        {
            end = SimTime.Max(end, repeated.Access(start + at, request));
            served.Access(start + at, request);
        }

        // Still busy with the stretch's last request: its later answers depend on it.
        Assert.Null(repeated.IdleCheckpoint(end - SimTime.Parse("101 ns")));
        Assert.NotNull(repeated.IdleCheckpoint(end));
        SimTime period = end - start;
        repeated.RepeatSince(since, period);
        foreach ((SimTime at, MemoryRequest request) in stretch)
        {
            served.Access(end + at, request);
        }

        Assert.Equal(served.Stats, repeated.Stats);
        Assert.Equal(served.Channels, repeated.Channels);
        Assert.Equal(served.Access(end + period, stretch[0].Request), repeated.Access(end + period, stretch[0].Request));
    }

    [Fact]
    public void AMemoryThatKeepsStateBetweenRequests_HasNoIdleMoment()
    {
        string preset = Path.Combine(AppContext.BaseDirectory, "arch-configs", "presets", "hbm2e-timed.yaml");
        var diagnostics = new Diagnostics();
        AccelSim.Config.ArchitectureConfig? design = AccelSim.Config.ArchitectureLoader.Load(
            AccelSim.Tests.Cli.CliRunner.Write(AccelSim.Tests.Cli.CliRunner.TempDirectory(), "d.yaml", $$"""
                name: t
                clock: 1 GHz
                compute:
                  - {name: mxu, kind: systolic, rows: 8, columns: 8, dataflow: output-stationary, activation_formats: [int8], weight_formats: [int8]}
                buffers:
                  - {name: all, capacity: 64 KiB, read_bandwidth: 64 B/cycle, write_bandwidth: 64 B/cycle, holds: [activations, weights, outputs]}
                memory:
                  preset: {{preset}}
                """), [], diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.Errors));
        IMemoryModel timed = design!.Memory.Build(null);
        Assert.Null(timed.IdleCheckpoint(SimTime.Zero));
        Assert.Throws<NotSupportedException>(() => timed.RepeatSince(new MemoryCheckpoint(0, 0, 0, []), SimTime.Zero));
    }
}
