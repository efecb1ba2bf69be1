using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Memory.Dram;

/// <summary>
/// Channels that each serve their share of a request in order at bandwidth / channels; a request is striped
/// evenly over all channels (address interleaving) and completes when its last stripe has, plus the latency.
/// Bank conflicts, refresh and row-buffer effects are not modelled.
/// </summary>
public sealed class DramMemory : IMemoryModel
{
    private readonly DramMemoryConfig config;
    private readonly Resource[] channels;
    private readonly Bandwidth perChannel;
    private readonly TrafficCounter counter = new();
    // Every request gives every channel the same stripe at the same time, so the channels' states never differ:
    // without a timeline to draw each one on, one channel is served and stands for all.
    private readonly int served;
    private readonly TransferTime stripeTime = new();

    public DramMemory(DramMemoryConfig config, Timeline? timeline)
    {
        this.config = config;
        channels = [.. Enumerable.Range(0, config.Channels).Select(i => new Resource($"{config.Kind}.ch{i}", timeline))];
        perChannel = config.Bandwidth / config.Channels;
        served = timeline is null ? 1 : channels.Length;
    }

    public string Kind => config.Kind;

    public string Name => config.Kind;

    public string Description => $"{config.Kind.ToUpperInvariant()}: {config.Channels} channels, {config.Bandwidth}, {config.Latency} latency";

    public bool NeverStalls => false;

    public SimTime Access(SimTime now, in MemoryRequest request)
    {
        counter.Count(request);
        long stripe = (request.Size.Bits + channels.Length - 1) / channels.Length;
        SimTime duration = stripeTime.For(perChannel, new ByteSize(stripe));
        SimTime done = now;
        for (int c = 0; c < served; c++)
        {
            done = SimTime.Max(done, channels[c].Serve(now, duration, new ByteSize(stripe), request.Label).End);
        }

        return done + config.Latency;
    }

    /// <summary>Idle once every served channel's backlog has cleared: the model keeps no other state between requests.</summary>
    public MemoryCheckpoint? IdleCheckpoint(SimTime now)
    {
        var held = new ResourceCheckpoint[served];
        for (int c = 0; c < served; c++)
        {
            held[c] = channels[c].Checkpoint();
            if (held[c].FreeAt > now)
            {
                return null;
            }
        }

        return counter.Checkpoint(held);
    }

    public void RepeatSince(MemoryCheckpoint since, SimTime shift)
    {
        ArgumentNullException.ThrowIfNull(since);
        counter.RepeatSince(since);
        for (int c = 0; c < served; c++)
        {
            channels[c].RepeatSince(since.Channels[c], shift);
        }
    }

    public IReadOnlyList<ResourceStats> Channels => [.. channels.Select(c => (served == 1 ? channels[0].Stats : c.Stats) with { Name = c.Name })];

    public MemoryStats Stats => counter.Stats(new SimTime(channels.Take(served).Max(c => c.Stats.Busy.Picoseconds)));
}
