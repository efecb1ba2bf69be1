using System.Runtime.CompilerServices;
using AccelSim.Events;
using AccelSim.Units;

namespace AccelSim.Memory.BankTimed;

/// <summary>
/// A DRAM timed bank by bank: each request is cut into bursts, each burst mapped to a channel, bank and row by the
/// address mapping and issued on its unit (<see cref="DramUnit"/>); the request completes when its last burst's data
/// has arrived. Bandwidth, row-buffer locality and activation limits (tRC, tRRD, tFAW) emerge from the timing.
/// Units share no state, so with the open-page policy a request is served unit by unit (<see cref="UnitOrder"/>),
/// row hits and repeating row windows in closed form, with exactly the timing of issuing every burst in order.
/// Not modelled: read/write turnaround (tWTR, tRTW), per-bank refresh, power-down, and the precharges before a
/// refresh.
/// </summary>
public sealed class BankTimedDram : IMemoryModel
{
    private readonly BankTimedDramConfig config;
    private readonly DramUnit[] units;
    private readonly TrafficCounter counter = new();
    private readonly Timeline? timeline;
    private readonly string[] tracks;
    private readonly long[] spanStart;
    private readonly long[] spanEnd;
    private readonly UnitOrder unitOrder;
    private readonly long[] unitFrom;
    private readonly long[] unitTo;
    private readonly ServeMemo memo;
    private long[] fields = new long[AddressMapping.Fields.Length];
    private long[] next = new long[AddressMapping.Fields.Length];
    private long cursor;

    public BankTimedDram(BankTimedDramConfig config, Timeline? timeline)
    {
        this.config = config ?? throw new ArgumentNullException(nameof(config));
        this.timeline = timeline;
        DramOrganization o = config.Organization;
        units = [.. Enumerable.Range(0, o.Units).Select(i => new DramUnit(config.Timing, config.Policy, o.Banks, o.Rows, config.QueueDepth, i, o.Units))];
        tracks = [.. Enumerable.Range(0, o.Units).Select(i => o.PseudoChannels == 1 ? $"{config.Kind}.ch{i}" : $"{config.Kind}.ch{i / o.PseudoChannels}.pc{i % o.PseudoChannels}")];
        spanStart = new long[o.Units];
        spanEnd = new long[o.Units];
        unitOrder = new UnitOrder(config.Mapping, o);
        unitFrom = new long[o.Units];
        unitTo = new long[o.Units];
        memo = ServeMemo.For(config, units[0].StateLength);
    }

    public string Kind => config.Kind;

    public string Name => config.Kind;

    public string Description
    {
        get
        {
            DramOrganization o = config.Organization;
            return $"{config.Kind.ToUpperInvariant()} ({config.Technology}), bank-timed: {o.Channels} channels × {o.PseudoChannels} pseudo-channels × "
                + $"{o.BankGroups}×{o.BanksPerGroup} banks, {o.UnitBusBits}-bit buses, {o.BurstBytes} B bursts, {config.PeakBandwidth} peak, "
                + $"{config.Policy.ToString().ToLowerInvariant()} page, mapping {config.Mapping}";
        }
    }

    public bool NeverStalls => false;

    public SimTime Access(SimTime now, in MemoryRequest request)
    {
        counter.Count(request);
        DramOrganization o = config.Organization;
        long burstBytes = o.BurstBytes;
        long bytes = Math.Max(1, request.Size.Bytes);
        long first;
        long count;
        if (request.Address is long address)
        {
            first = address / burstBytes;
            count = ((address + bytes - 1) / burstBytes) - first + 1;
        }
        else
        {
            first = cursor;
            count = (bytes + burstBytes - 1) / burstBytes;
            cursor = (cursor + count) % o.TotalBursts;
        }

        Array.Fill(spanStart, long.MaxValue);
        Array.Fill(spanEnd, long.MinValue);
        long arrival = now.Picoseconds;
        long done = config.Policy == PagePolicy.Open && unitOrder.RowHitWindows && !BurstByBurst
            ? ServeByUnit(arrival, request.IsWrite, first % o.TotalBursts, count)
            : ServeByBurst(arrival, request.IsWrite, first % o.TotalBursts, count);

        if (timeline is not null)
        {
            for (int u = 0; u < units.Length; u++)
            {
                if (spanEnd[u] > spanStart[u])
                {
                    timeline.Add(tracks[u], request.Label, new SimTime(spanStart[u]), new SimTime(spanEnd[u]));
                }
            }
        }

        return new SimTime(done);
    }

    /// <summary>Serves the request's bursts in order, one by one: the reference the unit-by-unit path must match, and the closed-page path.</summary>
    internal bool BurstByBurst { get; init; }

    private long ServeByBurst(long arrival, bool write, long first, long count)
    {
        DramOrganization o = config.Organization;
        long done = arrival;
        config.Mapping.Decode(first, fields);
        bool closedPage = config.Policy == PagePolicy.Closed;
        for (long i = 0; i < count; i++)
        {
            fields.CopyTo(next, 0);
            config.Mapping.Increment(next);
            int unit = (int)((fields[0] * o.PseudoChannels) + fields[1]);
            int group = (int)fields[2];
            int bank = (int)((fields[2] * o.BanksPerGroup) + fields[3]);
            long row = fields[4];
            bool keepOpen = closedPage && i < count - 1
                && next[0] == fields[0] && next[1] == fields[1] && next[2] == fields[2] && next[3] == fields[3] && next[4] == row;
            long end = units[unit].Issue(arrival, group, bank, row, write, keepOpen, out long column);
            done = Math.Max(done, end);
            spanStart[unit] = Math.Min(spanStart[unit], column);
            spanEnd[unit] = Math.Max(spanEnd[unit], end);
            (fields, next) = (next, fields);
        }

        return done;
    }

    /// <summary>
    /// Serves the request unit by unit (their timing is independent, so the order across units does not matter): each
    /// unit's bursts are a contiguous run of its own index, split where the request wraps at the memory's end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long ServeByUnit(long arrival, bool write, long first, long count)
    {
        DramOrganization o = config.Organization;
        long done = arrival;
        for (long at = first, left = count; left > 0; at = 0)
        {
            long end = Math.Min(o.TotalBursts, at + left);
            unitOrder.LocalIndices(at, unitFrom);
            unitOrder.LocalIndices(end, unitTo);
            for (int u = 0; u < units.Length; u++)
            {
                if (unitTo[u] > unitFrom[u])
                {
                    (long column, long last) = units[u].ServeRemembered(arrival, write, unitOrder, unitFrom[u], unitTo[u] - unitFrom[u], memo);
                    done = Math.Max(done, last);
                    spanStart[u] = Math.Min(spanStart[u], column);
                    spanEnd[u] = Math.Max(spanEnd[u], last);
                }
            }

            left -= end - at;
        }

        return done;
    }

    /// <summary>
    /// Keeps a memo of its own of this many states instead of the thread's, one that never rests (a test that counts
    /// what was remembered starts from none; a small one starts over often).
    /// </summary>
    internal int OwnMemo
    {
        init => memo = new ServeMemo(units[0].StateLength, value, rests: false);
    }

    /// <summary>Serves answered from the memo (see <see cref="ServeMemo"/>).</summary>
    internal long RememberedServes => units.Sum(u => u.RememberedServes);

    /// <summary>Row windows served by replaying an earlier one's outcome (see <see cref="WindowReplay"/>).</summary>
    internal long ReplayedWindows => units.Sum(u => u.ReplayedWindows);

    /// <summary>Each channel (or pseudo-channel) busy for its data bursts.</summary>
    public IReadOnlyList<ResourceStats> Channels => [.. units.Select((u, i) => new ResourceStats(tracks[i], new SimTime(u.BusyPicoseconds), 0, default))];

    public MemoryStats Stats => counter.Stats(
        new SimTime(units.Max(u => u.BusyPicoseconds)),
        new RowBufferStats(units.Sum(u => u.Hits), units.Sum(u => u.Misses), units.Sum(u => u.Conflicts), units.Sum(u => u.Refreshes)));
}
