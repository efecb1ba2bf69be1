using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AccelSim.Memory.BankTimed;

/// <summary>
/// One channel (or pseudo-channel) and its banks: places each burst's commands at the earliest time the timing
/// parameters allow. Bursts are taken in arrival order; a burst may activate its row as soon as it is among the
/// last <c>queue_depth</c> bursts not yet issued, so activations of other banks overlap earlier bursts' reads (HBM
/// has separate row and column command buses, so ACT and RD never compete for one). Refresh is all-bank: every
/// tREFI the unit closes its rows and stalls for tRFC, the units' refreshes staggered evenly. Times in picoseconds.
/// </summary>
internal sealed partial class DramUnit
{
    private readonly PagePolicy policy;
    private readonly long rows;
    private readonly long[] openRow;
    private readonly long[] activatedAt;
    private readonly long[] prechargeDone;
    private readonly long[] lastRead;
    private readonly long[] writeRecovered;
    // tFAW limits activations per rolling window to four.
    private const int FawActivations = 4;
    private readonly long[] recentActs = new long[FawActivations];
    private readonly long[] queue;
    private readonly long refreshOffset;
    private readonly long burst;
    private readonly long rcd, rp, ras, cl, cwl, ccdS, ccdL, rrdS, rrdL, faw, rtp, wr, refi, rfc;
    private int recentIndex;
    // The queue holds the last queue_depth columns of a run of hits, runStep apart (set by a run that long); stale
    // after replayed windows until written out.
    private bool ringIsRun;
    private bool queueStale;
    private long runStep;
    // The last clean window (replayed while the unit starts where it did) and the one being recorded.
    private WindowReplay? replay;
    private WindowReplay? candidate;
    private long refreshesBefore;
    private int queueIndex;
    private long lastAct = long.MinValue / 4;
    private int lastActGroup = -1;
    private long lastColumn = long.MinValue / 4;
    private int lastColumnGroup = -1;
    private long busFree;
    private long refreshEpoch;
    private long nextRefresh;

    public DramUnit(DramTiming timing, PagePolicy policy, int banks, long rows, int queueDepth, int index, int units)
    {
        this.policy = policy;
        this.rows = rows;
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

    /// <summary>Row windows served by replaying an earlier one's outcome.</summary>
    public long ReplayedWindows { get; private set; }

    public long BusyPicoseconds { get; private set; }

    /// <summary>Issues one burst arriving at <paramref name="arrival"/>; returns when its data has crossed the bus.</summary>
    /// <param name="keepOpen">For the closed-page policy: the next burst of the same request reads this row too.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Issue(long arrival, int group, int bank, long row, bool write, bool keepOpen, out long columnAt)
    {
        if (held is not null)
        {
            Materialize();
        }

        long start = Math.Max(arrival, queue[queueIndex]);
        ringIsRun = false;
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
                long precharge = Math.Max(start, HistoryEnd(bank, conflict: true));
                actEarliest = precharge + rp;
            }
            else
            {
                Misses++;
                actEarliest = Math.Max(start, HistoryEnd(bank, conflict: false));
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
    /// data end. Bursts go through <see cref="Issue"/> one by one, except row hits inside a window (<see cref="HitRun"/>)
    /// and whole windows that repeat the last clean one (<see cref="Replay"/>); a window that starts where replays are
    /// possible is recorded as it is issued, to be the next one replayed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (long FirstColumn, long LastEnd) Serve(long arrival, bool write, UnitOrder order, long first, long count)
    {
        if (held is not null)
        {
            Materialize();
        }

        int perWindow = order.BanksPerWindow;
        int windowBursts = order.WindowBursts;
        long step = HitStep(order);
        Span<long> window = stackalloc long[order.WindowDigits];
        order.Decode(first / windowBursts, window);
        int offset = (int)(first % windowBursts);
        long row = order.Window(window, out int pattern);
        ReadOnlySpan<int> banks = order.Banks.AsSpan(pattern * windowBursts, windowBursts);
        ReadOnlySpan<int> groups = order.Groups.AsSpan(pattern * windowBursts, windowBursts);
        long firstColumn = long.MaxValue;
        long lastEnd = long.MinValue;
        bool issued = false;
        bool recording = false;
        bool clean = false;
        long recordedFrom = 0;
        for (long left = count; left > 0;)
        {
            if (offset == 0 && ringIsRun && left >= windowBursts)
            {
                int groupClass = order.GroupClasses[pattern];
                long before = lastColumn;
                long replayed = replay is { Valid: true } known && known.Write == write && known.GroupClass == groupClass
                    ? Replay(known, arrival, order, window, ref row, ref pattern, left / windowBursts)
                    : 0;
                if (replayed > 0)
                {
                    firstColumn = Math.Min(firstColumn, before + replay!.FirstColumn);
                    lastEnd = busFree;
                    issued = true;
                    left -= replayed * windowBursts;
                    offset = windowBursts;
                    banks = order.Banks.AsSpan(pattern * windowBursts, windowBursts);
                    groups = order.Groups.AsSpan(pattern * windowBursts, windowBursts);
                    goto windowDone;
                }

                candidate ??= new WindowReplay(perWindow);
                candidate.Valid = false;
                Capture(candidate.Before, before);
                (candidate.Write, candidate.GroupClass) = (write, groupClass);
                (recording, clean, recordedFrom) = (true, true, before);
                (candidate.Hits, candidate.Misses, candidate.Conflicts) = (Hits, Misses, Conflicts);
                refreshesBefore = Refreshes;
            }

            MaterializeQueue();

            // Before each bank of the window has been touched, the next burst is a first touch: no run can start.
            int run = issued && offset >= perWindow && step > 0
                ? HitRun(arrival, write, row, banks, groups, perWindow, offset, (int)Math.Min(left, windowBursts - offset), step)
                : 0;
            if (run > 0)
            {
                lastEnd = busFree;
                clean &= offset == perWindow && run == windowBursts - perWindow;
            }
            else
            {
                clean = clean && offset < perWindow && FirstTouchIsFree(candidate!, offset, arrival, banks[offset], row, recordedFrom);
                long end = Issue(arrival, groups[offset], banks[offset], row, write, false, out long column);
                if (clean)
                {
                    candidate!.Activated[offset] = activatedAt[banks[offset]] - recordedFrom;
                    candidate.FirstColumn = offset == 0 ? column - recordedFrom : candidate.FirstColumn;
                }

                firstColumn = Math.Min(firstColumn, column);
                lastEnd = Math.Max(lastEnd, end);
                issued = true;
                run = 1;
            }

            offset += run;
            left -= run;
        windowDone:
            if (offset == windowBursts)
            {
                if (recording && clean && Refreshes == refreshesBefore && ringIsRun)
                {
                    Record(candidate!, recordedFrom, banks[..perWindow], write);
                    (replay, candidate) = (candidate, replay);
                }

                (recording, clean) = (false, false);
                if (left > 0)
                {
                    UnitOrder.Advance(window, order.WindowRadices);
                    offset = 0;
                    row = order.Window(window, out pattern);
                    banks = order.Banks.AsSpan(pattern * windowBursts, windowBursts);
                    groups = order.Groups.AsSpan(pattern * windowBursts, windowBursts);
                }
            }
        }

        MaterializeQueue();
        return (firstColumn, lastEnd);
    }

    /// <summary>
    /// When a first touch of <paramref name="bank"/> stops waiting on the bank's own history: for a conflict, when its
    /// open row may be precharged (tRAS after the activation, tRTP after the last read, write recovery); for a miss,
    /// when the precharge already under way is done.
    /// </summary>
    private long HistoryEnd(int bank, bool conflict) =>
        conflict ? Math.Max(activatedAt[bank] + ras, Math.Max(lastRead[bank] + rtp, writeRecovered[bank])) : prechargeDone[bank];

    /// <summary>Notes the unit's state relative to <paramref name="at"/>.</summary>
    private void Capture(WindowReplay.UnitState state, long at)
    {
        state.LastAct = lastAct - at;
        state.LastActGroup = lastActGroup;
        state.LastColumnGroup = lastColumnGroup;
        state.BusFree = busFree - at;
        for (int i = 0; i < FawActivations; i++)
        {
            state.RecentActs[i] = recentActs[(recentIndex + i) & (FawActivations - 1)] - at;
        }
    }

    /// <summary>Whether the unit is in <paramref name="state"/> relative to <paramref name="at"/>.</summary>
    private bool IsIn(WindowReplay.UnitState state, long at)
    {
        if (lastAct - at != state.LastAct || lastActGroup != state.LastActGroup || lastColumnGroup != state.LastColumnGroup || busFree - at != state.BusFree)
        {
            return false;
        }

        for (int i = 0; i < FawActivations; i++)
        {
            if (recentActs[(recentIndex + i) & (FawActivations - 1)] - at != state.RecentActs[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Puts the unit in <paramref name="state"/> relative to <paramref name="at"/> (the four activations' ring restarts at its oldest).</summary>
    private void Restore(WindowReplay.UnitState state, long at)
    {
        lastAct = at + state.LastAct;
        lastActGroup = state.LastActGroup;
        lastColumnGroup = state.LastColumnGroup;
        busFree = at + state.BusFree;
        for (int i = 0; i < FawActivations; i++)
        {
            recentActs[i] = at + state.RecentActs[i];
        }

        recentIndex = 0;
    }

    /// <summary>
    /// Whether the first touch of the window's bank number <paramref name="index"/> depends only on the relative state:
    /// it starts at the queue's time (not the arrival), is due no refresh, opens a row (a miss or a conflict), and its
    /// bank's history (precharge done, or tRAS, tRTP and write recovery before a precharge) is over by its start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool FirstTouchIsFree(WindowReplay window, int index, long arrival, int bank, long row, long at)
    {
        long start = queue[queueIndex];
        if (arrival > start || start >= nextRefresh || openRow[bank] == row)
        {
            return false;
        }

        bool conflict = openRow[bank] >= 0;
        window.Conflict[index] = conflict;
        window.Start[index] = start - at;
        return HistoryEnd(bank, conflict) <= start;
    }

    /// <summary>Completes <paramref name="window"/> from the unit's state after it.</summary>
    private void Record(WindowReplay window, long at, ReadOnlySpan<int> banks, bool write)
    {
        window.Span = lastColumn - at;
        Capture(window.After, at);
        window.Repeats = window.After.SameAs(window.Before, window.Span);
        for (int r = 0; r < banks.Length; r++)
        {
            window.LastUse[r] = (write ? writeRecovered[banks[r]] : lastRead[banks[r]]) - at;
        }

        (window.Hits, window.Misses, window.Conflicts) = (Hits - window.Hits, Misses - window.Misses, Conflicts - window.Conflicts);
        window.Valid = true;
    }

    /// <summary>
    /// Applies <paramref name="window"/>'s outcome to the current window and the ones after it (at most
    /// <paramref name="most"/>) while each would do the same: the unit starts from the same relative state (after a
    /// replay it does, shifted, if the window ended in its own start state; otherwise one is replayed), the arrival and
    /// the next refresh stay out of the way, the window visits the same bank
    /// groups, and each first-touched bank has the same kind of open row (none, or another) with its history over by
    /// the touch's start. Leaves <paramref name="digits"/> at the last window replayed; returns how many were (0: none).
    /// The queue is left to <see cref="MaterializeQueue"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Replay(WindowReplay window, long arrival, UnitOrder order, Span<long> digits, ref long row, ref int pattern, long most)
    {
        long at = lastColumn;
        if (!IsIn(window.Before, at) || arrival > at + window.Start[0])
        {
            return 0;
        }

        int perWindow = window.Start.Length;
        Span<long> next = stackalloc long[digits.Length];
        long nextRow = row;
        int nextPattern = pattern;
        long count = 0;
        // A window leaves the unit where the next one would start only if its end state is its start state.
        most = window.Repeats ? most : 1;
        while (count < most && at + window.Span < nextRefresh && order.GroupClasses[nextPattern] == window.GroupClass)
        {
            ReadOnlySpan<int> banks = order.Banks.AsSpan(nextPattern * order.WindowBursts, perWindow);
            if (!FirstTouchesFree(window, banks, nextRow, at))
            {
                break;
            }

            for (int r = 0; r < perWindow; r++)
            {
                int b = banks[r];
                openRow[b] = nextRow;
                activatedAt[b] = at + window.Activated[r];
                if (window.Write)
                {
                    writeRecovered[b] = at + window.LastUse[r];
                }
                else
                {
                    lastRead[b] = at + window.LastUse[r];
                }
            }

            at += window.Span;
            count++;
            if (count > 1)
            {
                next.CopyTo(digits);
                (row, pattern) = (nextRow, nextPattern);
            }

            if (count < most)
            {
                digits.CopyTo(next);
                UnitOrder.Advance(next, order.WindowRadices);
                nextRow = order.Window(next, out nextPattern);
            }
        }

        if (count == 0)
        {
            return 0;
        }

        Restore(window.After, at - window.Span);
        lastColumn = at;
        ReplayedWindows += count;
        Hits += count * window.Hits;
        Misses += count * window.Misses;
        Conflicts += count * window.Conflicts;
        BusyPicoseconds += count * (window.Hits + window.Misses + window.Conflicts) * burst;
        queueStale = true;
        return count;
    }

    /// <summary>Whether each first touch of a window at <paramref name="at"/> finds its bank as <paramref name="window"/>'s did: the same kind of open row, its history over.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool FirstTouchesFree(WindowReplay window, ReadOnlySpan<int> banks, long row, long at)
    {
        for (int r = 0; r < banks.Length; r++)
        {
            int b = banks[r];
            long start = at + window.Start[r];
            bool sameKind = window.Conflict[r] ? openRow[b] >= 0 && openRow[b] != row : openRow[b] < 0;
            if (!sameKind || HistoryEnd(b, window.Conflict[r]) > start)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the run of hits the queue holds after replayed windows: the last columns, one bus step apart.</summary>
    private void MaterializeQueue()
    {
        if (queueStale)
        {
            Progression(queue, lastColumn - ((queue.Length - 1) * runStep), runStep);
            queueIndex = 0;
            queueStale = false;
        }
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            // Past the queue's length a burst would start at a column of the run itself, which is no earlier than
            // the last one: due the refresh.
            run = 0;
            for (int oldest = queueIndex; run < Math.Min(most, depth) && queue[oldest] < nextRefresh; oldest = oldest == depth - 1 ? 0 : oldest + 1)
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
            (ringIsRun, runStep) = (true, step);
        }
        else
        {
            int tail = Math.Min(depth - queueIndex, run);
            Progression(ring.Slice(queueIndex, tail), start + step, step);
            Progression(ring[..(run - tail)], start + ((tail + 1) * step), step);
            queueIndex = queueIndex + run >= depth ? queueIndex + run - depth : queueIndex + run;
            ringIsRun = false;
        }

        // Each bank's last burst of the run sets when it may next be precharged.
        long latency = write ? cwl : cl;
        long last = start + (run * step);
        for (int k = Math.Min(run, touched); k > 0; k--)
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

    /// <summary>When the last refresh due by <paramref name="time"/> ends.</summary>
    private long RefreshEnd(long time) => ((time + refreshOffset) / refi * refi) - refreshOffset + rfc;

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
        long refreshEnd = RefreshEnd(time);
        for (int b = 0; b < openRow.Length; b++)
        {
            openRow[b] = -1;
            prechargeDone[b] = Math.Max(prechargeDone[b], refreshEnd);
        }

        return Math.Max(time, refreshEnd);
    }
}
