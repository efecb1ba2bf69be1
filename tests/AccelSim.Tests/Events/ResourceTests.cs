using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Tests.Events;

public class ResourceTests
{
    [Fact]
    public void RepeatSince_CountsWhatServingTheStretchAgainLaterCounts()
    {
        Resource repeated = new("r"), served = new("s");
        var stretch = new (long At, long Duration, long Bits)[] { (0, 30, 8), (10, 5, 16), (100, 40, 0), (120, 1, 64) };
        foreach (Resource r in new[] { repeated, served })
        {
            r.Serve(SimTime.Zero, new SimTime(70), new ByteSize(24));
        }

        SimTime start = new(500);
        ResourceCheckpoint since = repeated.Checkpoint();
        foreach ((long at, long duration, long bits) in stretch)
        {
            repeated.Serve(start + new SimTime(at), new SimTime(duration), new ByteSize(bits));
            served.Serve(start + new SimTime(at), new SimTime(duration), new ByteSize(bits));
        }

        SimTime period = new(300);
        repeated.RepeatSince(since, period);
        foreach ((long at, long duration, long bits) in stretch)
        {
            served.Serve(start + period + new SimTime(at), new SimTime(duration), new ByteSize(bits));
        }

        Assert.Equal(served.Stats with { Name = "r" }, repeated.Stats);
        Assert.Equal(served.FreeAt, repeated.FreeAt);
    }

    [Fact]
    public void RepeatSince_LeavesAResourceIdleOverTheStretchAlone_AndRefusesOneThatDrawsATimeline()
    {
        var idle = new Resource("idle");
        idle.Serve(SimTime.Zero, new SimTime(10));
        ResourceCheckpoint since = idle.Checkpoint();
        idle.RepeatSince(since, new SimTime(1_000));
        Assert.Equal((1L, new SimTime(10)), (idle.Stats.Requests, idle.FreeAt));

        var drawn = new Resource("drawn", new Timeline());
        ResourceCheckpoint start = drawn.Checkpoint();
        drawn.Serve(SimTime.Zero, new SimTime(10), default, "x");
        Assert.Throws<InvalidOperationException>(() => drawn.RepeatSince(start, new SimTime(10)));
    }
}
