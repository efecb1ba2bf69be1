using System.Runtime.Intrinsics;

namespace AccelSim.Memory.BankTimed;

/// <summary>
/// One channel (or pseudo-channel) and its banks: places each burst's commands at the earliest time the timing
/// parameters allow. Bursts are taken in arrival order; a burst may activate its row as soon as it is among the
/// last <c>queue_depth</c> bursts not yet issued, so activations of other banks overlap earlier bursts' reads (HBM
/// has separate row and column command buses, so ACT and RD never compete for one). Refresh is all-bank: every
/// tREFI the unit closes its rows and stalls for tRFC, the units' refreshes staggered evenly. Times in picoseconds.
/// </summary>
internal sealed class DramUnit
{
    private readonly PagePolicy policy;
    private readonly long[] openRow;
    private readonly long[] activatedAt;
    private readonly long[] prechargeDone;
    private readonly long[] lastRead;
    private readonly long[] writeRecovered;
    private readonly long[] recentActs = new long[4];
    private readonly long[] queue;
    private readonly long refreshOffset;
    private readonly long burst;
    private readonly long rcd, rp, ras, cl, cwl, ccdS, ccdL, rrdS, rrdL, faw, rtp, wr, refi, rfc;
    private int recentIndex;
    private int queueIndex;
    private long lastAct = long.MinValue / 4;
    private int lastActGroup = -1;
    private long lastColumn = long.MinValue / 4;
    private int lastColumnGroup = -1;
    private long busFree;
    private long refreshEpoch;
    private long nextRefresh;

    public DramUnit(DramTiming timing, PagePolicy policy, int banks, int queueDepth, int index, int units)
    {
        this.policy = policy;
        openRow = Enumerable.Repeat(-1L, banks).ToArray();
        activatedAt = new long[banks];
        prechargeDone = new long[banks];
        lastRead = Enumerable.Repeat(long.MinValue / 4, banks).ToArray();
        writeRecovered = new long[banks];
        Array.Fill(recentActs, long.MinValue / 4);
        queue = new long[queueDepth];
        burst = timing.Burst.Picoseconds;
        (rcd, rp, ras, cl, cwl) = (timing.Ps(timing.Rcd), timing.Ps(timing.Rp), timing.Ps(timing.Ras), timing.Ps(timing.Cl), timing.Ps(timing.Cwl));
        (ccdS, ccdL, rrdS, rrdL, faw) = (timing.Ps(timing.CcdS), timing.Ps(timing.CcdL), timing.Ps(timing.RrdS), timing.Ps(timing.RrdL), timing.Ps(timing.Faw));
        (rtp, wr, refi, rfc) = (timing.Ps(timing.Rtp), timing.Ps(timing.Wr), timing.Ps(timing.Refi), timing.Ps(timing.Rfc));
        refreshOffset = refi * index / units;
        nextRefresh = refi - refreshOffset;
    }

    public long Hits { get; private set; }

    public long Misses { get; private set; }

    public long Conflicts { get; private set; }

    public long Refreshes { get; private set; }

    public long BusyPicoseconds { get; private set; }

    /// <summary>Issues one burst arriving at <paramref name="arrival"/>; returns when its data has crossed the bus.</summary>
    /// <param name="keepOpen">For the closed-page policy: the next burst of the same request reads this row too.</param>
    public long Issue(long arrival, int group, int bank, long row, bool write, bool keepOpen, out long columnAt)
    {
        long start = Math.Max(arrival, queue[queueIndex]);
        start = start < nextRefresh ? start : Refresh(start);
        long columnEarliest;
        if (openRow[bank] == row)
        {
            Hits++;
            columnEarliest = Math.Max(start, activatedAt[bank] + rcd);
        }
        else
        {
            long actEarliest;
            if (openRow[bank] >= 0)
            {
                Conflicts++;
                long precharge = Math.Max(Math.Max(start, activatedAt[bank] + ras), Math.Max(lastRead[bank] + rtp, writeRecovered[bank]));
                actEarliest = precharge + rp;
            }
            else
            {
                Misses++;
                actEarliest = Math.Max(start, prechargeDone[bank]);
            }

            long act = Math.Max(actEarliest, lastAct + (group == lastActGroup ? rrdL : rrdS));
            act = Math.Max(act, recentActs[recentIndex] + faw);
            recentActs[recentIndex] = act;
            recentIndex = recentIndex == recentActs.Length - 1 ? 0 : recentIndex + 1;
            lastAct = act;
            lastActGroup = group;
            activatedAt[bank] = act;
            openRow[bank] = row;
            columnEarliest = act + rcd;
        }

        long latency = write ? cwl : cl;
        long column = Math.Max(columnEarliest, lastColumn + (group == lastColumnGroup ? ccdL : ccdS));
        column = Math.Max(column, busFree - latency);
        long dataEnd = column + latency + burst;
        busFree = dataEnd;
        BusyPicoseconds += burst;
        lastColumn = column;
        lastColumnGroup = group;
        queue[queueIndex] = column;
        queueIndex = queueIndex == queue.Length - 1 ? 0 : queueIndex + 1;
        if (write)
        {
            writeRecovered[bank] = dataEnd + wr;
        }
        else
        {
            lastRead[bank] = column;
        }

        if (policy == PagePolicy.Closed && !keepOpen)
        {
            long precharge = Math.Max(activatedAt[bank] + ras, write ? writeRecovered[bank] : column + rtp);
            prechargeDone[bank] = precharge + rp;
            openRow[bank] = -1;
        }

        columnAt = column;
        return dataEnd;
    }

    /// <summary>
    /// Serves <paramref name="count"/> bursts of one request that are this unit's, from its own index
    /// <paramref name="first"/> in <paramref name="order"/>; returns the first burst's column time and the last one's
    /// data end. Bursts go through <see cref="Issue"/> one by one, except row hits inside a window (<see cref="HitRun"/>).
    /// </summary>
    public (long FirstColumn, long LastEnd) Serve(long arrival, bool write, UnitOrder order, long first, long count)
    {
        int perWindow = order.BanksPerWindow;
        int windowBursts = order.WindowBursts;
        long step = HitStep(order);
        Span<long> window = stackalloc long[order.WindowDigits];
        order.Decode(first / windowBursts, window);
        int offset = (int)(first % windowBursts);
        long row = order.Window(window, out int pattern);
        ReadOnlySpan<int> banks = order.Banks.AsSpan(pattern, windowBursts);
        ReadOnlySpan<int> groups = order.Groups.AsSpan(pattern, windowBursts);
        long firstColumn = long.MaxValue;
        long lastEnd = long.MinValue;
        bool issued = false;
        for (long left = count; left > 0;)
        {
            // Before each bank of the window has been touched, the next burst is a first touch: no run can start.
            int run = issued && offset >= perWindow && step > 0
                ? HitRun(arrival, write, row, banks, groups, perWindow, offset, (int)Math.Min(left, windowBursts - offset), step)
                : 0;
            if (run > 0)
            {
                lastEnd = busFree;
            }
            else
            {
                long end = Issue(arrival, groups[offset], banks[offset], row, write, false, out long column);
                firstColumn = Math.Min(firstColumn, column);
                lastEnd = Math.Max(lastEnd, end);
                issued = true;
                run = 1;
            }

            offset += run;
            left -= run;
            if (offset == windowBursts && left > 0)
            {
                UnitOrder.Advance(window, order.WindowRadices);
                offset = 0;
                row = order.Window(window, out pattern);
                banks = order.Banks.AsSpan(pattern, windowBursts);
                groups = order.Groups.AsSpan(pattern, windowBursts);
            }
        }

        return (firstColumn, lastEnd);
    }

    /// <summary>The time between two row hits of a window when the data bus is the limit; 0 when it varies along the window.</summary>
    private long HitStep(UnitOrder order)
    {
        long changing = Math.Max(burst, ccdS);
        long same = Math.Max(burst, ccdL);
        return policy != PagePolicy.Open || !order.RowHitWindows ? 0
            : changing == same || order.GroupChangesEveryBurst ? changing
            : order.GroupFixedInWindow ? same
            : 0;
    }

    /// <summary>
    /// Serves up to <paramref name="most"/> bursts of the current window from <paramref name="offset"/> at once, if
    /// <see cref="Issue"/> would give each of them the same answer: each one a row hit, none waiting for its row's
    /// activation, so each column follows the previous one by the bus's step (the previous burst being of the same
    /// request, the bus frees exactly one burst after it); and none due a refresh, which a burst checks at its start:
    /// the arrival or the column of the burst <c>queue_depth</c> before it, whichever is later. Returns how many it
    /// served: 0 when the next burst must go one by one.
    /// </summary>
    private int HitRun(long arrival, bool write, long row, ReadOnlySpan<int> banks, ReadOnlySpan<int> groups, int touched, int next, int most, long step)
    {
        long start = lastColumn;
        long ready = start + step;
        foreach (int b in banks[..touched])
        {
            if (openRow[b] != row || activatedAt[b] + rcd > ready)
            {
                return 0;
            }
        }

        if (arrival >= nextRefresh)
        {
            return 0;
        }

        // The run's first queue_depth bursts start at the queue's columns, oldest first (the newest is the last
        // column); later ones at the run's own.
        int depth = queue.Length;
        int run = most;
        if (start >= nextRefresh)
        {
            run = 0;
            for (int oldest = queueIndex; run < most && queue[oldest] < nextRefresh; oldest = oldest == depth - 1 ? 0 : oldest + 1)
            {
                run++;
            }
        }
        else if (most > depth && start + ((most - depth) * step) >= nextRefresh)
        {
            run = depth + (int)((nextRefresh - 1 - start) / step);
        }

        if (run == 0)
        {
            return 0;
        }

        // Only the queue's order matters, not where it starts: a run as long as the queue refills it from slot 0.
        Span<long> ring = queue;
        if (run >= depth)
        {
            Progression(ring, start + ((run - depth + 1) * step), step);
            queueIndex = 0;
        }
        else
        {
            int tail = Math.Min(depth - queueIndex, run);
            Progression(ring.Slice(queueIndex, tail), start + step, step);
            Progression(ring[..(run - tail)], start + ((tail + 1) * step), step);
            queueIndex = queueIndex + run >= depth ? queueIndex + run - depth : queueIndex + run;
        }

        // Each bank's last burst of the run sets when it may next be precharged.
        int perWindow = Math.Min(banks.Length, touched);
        long latency = write ? cwl : cl;
        long last = start + (run * step);
        for (int k = Math.Min(run, perWindow); k > 0; k--)
        {
            int b = banks[next + run - k];
            long at = last - ((k - 1) * step);
            if (write)
            {
                writeRecovered[b] = at + latency + burst + wr;
            }
            else
            {
                lastRead[b] = at;
            }
        }

        Hits += run;
        BusyPicoseconds += run * burst;
        lastColumn = last;
        lastColumnGroup = groups[next + run - 1];
        busFree = last + latency + burst;
        return run;
    }

    /// <summary>Fills <paramref name="values"/> with <paramref name="first"/>, first + step, first + 2 step, …</summary>
    private static void Progression(Span<long> values, long first, long step)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<long>.Count)
        {
            Vector256<long> value = Vector256.Create(first) + (Vector256.Create(0L, 1, 2, 3) * step);
            Vector256<long> stride = Vector256.Create(step * Vector256<long>.Count);
            for (; i <= values.Length - Vector256<long>.Count; i += Vector256<long>.Count)
            {
                value.CopyTo(values[i..]);
                value += stride;
            }
        }

        for (; i < values.Length; i++)
        {
            values[i] = first + (i * step);
        }
    }

    /// <summary>Applies the refreshes due by <paramref name="time"/>; returns when a command may issue.</summary>
    private long Refresh(long time)
    {
        if (time < nextRefresh)
        {
            return time;
        }

        long interval = refi;
        long epoch = (time + refreshOffset) / interval;
        nextRefresh = ((epoch + 1) * interval) - refreshOffset;

        Refreshes += epoch - refreshEpoch;
        refreshEpoch = epoch;
        long refreshEnd = (epoch * interval) - refreshOffset + rfc;
        for (int b = 0; b < openRow.Length; b++)
        {
            openRow[b] = -1;
            prechargeDone[b] = Math.Max(prechargeDone[b], refreshEnd);
        }

        return Math.Max(time, refreshEnd);
    }
}
