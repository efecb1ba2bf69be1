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
}
