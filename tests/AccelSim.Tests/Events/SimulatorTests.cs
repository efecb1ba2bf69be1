using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Tests.Events;

public class SimulatorTests
{
    [Fact]
    public void Run_OrdersByTimeThenPriorityThenScheduleOrder()
    {
        var simulator = new Simulator();
        var order = new List<string>();
        simulator.Schedule(new SimTime(20), () => order.Add("t20"));
        simulator.Schedule(new SimTime(10), () => order.Add("t10-p1-a"), priority: 1);
        simulator.Schedule(new SimTime(10), () => order.Add("t10-p0"));
        simulator.Schedule(new SimTime(10), () => order.Add("t10-p1-b"), priority: 1);
        simulator.Schedule(new SimTime(5), () => simulator.Schedule(new SimTime(10), () => order.Add("t10-p0-late")));
        Assert.Equal(new SimTime(20), simulator.Run());
        Assert.Equal(["t10-p0", "t10-p0-late", "t10-p1-a", "t10-p1-b", "t20"], order);
        Assert.Equal(6, simulator.EventsProcessed);
    }

    [Fact]
    public void Schedule_InThePast_Throws()
    {
        var simulator = new Simulator();
        simulator.Schedule(new SimTime(10), () => simulator.Schedule(new SimTime(5), () => { }));
        Assert.Throws<InvalidOperationException>(() => simulator.Run());
    }

    [Fact]
    public void Resource_ServesInArrivalOrder_AndKeepsStats()
    {
        var timeline = new Timeline();
        var channel = new Resource("dram", timeline);
        Assert.Equal(new Interval(new SimTime(0), new SimTime(10)), channel.Serve(new SimTime(0), new SimTime(10), ByteSize.FromBytes(4), "a"));
        Assert.Equal(new Interval(new SimTime(10), new SimTime(15)), channel.Serve(new SimTime(3), new SimTime(5), ByteSize.FromBytes(2), "b"));
        Assert.Equal(new Interval(new SimTime(40), new SimTime(41)), channel.Serve(new SimTime(40), new SimTime(1)));
        Assert.Equal(new ResourceStats("dram", new SimTime(16), 3, ByteSize.FromBytes(6)), channel.Stats);
        Assert.Equal(2, timeline.Spans.Count);
    }
}
