using System.Runtime.CompilerServices;
namespace AccelSim.Memory.BankTimed;

/// <summary>
/// A unit held as a relative state, and a serve as a transition between such states. No burst starts before the
/// oldest column in the queue (each starts at the later of the arrival and the column <c>queue_depth</c> bursts
/// before it), nor before the arrival; so a time that cannot hold a command past that point (an activation more than
/// tRAS back, a read more than tRTP back, a bus freed before it, …) enters every later serve only through a max with
/// something later, and may be left out for good; so may a closed bank's activation (its next use activates it again)
/// and an open bank's precharge end (the next refresh sets it anew). Shifting every time of a unit and a request's
/// arrival shifts the serve; rows enter only through equality, so they may be counted from a reference row. The
/// state so described (<see cref="RelativeState"/>), the request's shape, when it can start and the next refresh
/// decide the serve: <see cref="ServeMemo"/> keeps what each did, and a serve asked again moves the unit to the
/// state it led to instead of issuing a burst. The banks' arrays are written out only for a serve not seen before.
/// </summary>
internal sealed partial class DramUnit
{
    private const int Scalars = 7;

    // Bursts a serve of a unit not held must have to be looked up: a shorter one is issued about as fast as the unit
    // is held (a few row windows). A unit already held looks up any serve: writing it out costs more.
    private const int RememberFrom = 256;

    // In a relative state: a time left out, and the row of a closed bank.
    private const long Gone = long.MinValue;
    private const long FarPast = long.MinValue / 4;

    // Set while the unit is held as a relative state, its reference time and row; the arrays are stale unless they
    // are what it was held from (what it leaves out changes nothing).
    private RelativeState? held;
    private long heldAt;
    private long heldRow;
    private bool arraysCurrent;

    /// <summary>
    /// Length of a state: per bank its open row, activation, last read, write recovery and precharge end; the queue
    /// and the last four activations, oldest first; the last activation and column with their groups; when the bus
    /// frees; and whether the queue is a run of hits, with its step.
    /// </summary>
    public int StateLength => (5 * openRow.Length) + queue.Length + FawActivations + Scalars;

    /// <summary>Serves answered by <see cref="ServeMemo"/>.</summary>
    public long RememberedServes { get; private set; }

    private int Banks => openRow.Length;

    private int QueueAt => 5 * Banks;

    private int ActsAt => QueueAt + queue.Length;

    private int ScalarsAt => ActsAt + FawActivations;

    /// <summary>
    /// Serves as <see cref="Serve"/> does, with the same result: if <paramref name="memo"/> knows the serve, the unit
    /// moves to the state it led to; otherwise the unit is written out, served, and the serve remembered.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (long FirstColumn, long LastEnd) ServeRemembered(long arrival, bool write, UnitOrder order, long first, long count, ServeMemo memo)
    {
        // Issued directly: a short serve of a unit not held (as fast as holding it), one long enough to hold a refresh
        // (remembered only for that refresh's phase), and any while the memo rests.
        bool isBrief = count < RememberFrom;
        if ((isBrief && held is null) || count * burst >= refi || !memo.Worthwhile(isBrief))
        {
            return Serve(arrival, write, order, first, count);
        }

        long firstWindow = first / order.WindowBursts;
        long lastWindow = (first + count - 1) / order.WindowBursts;
        (long row, long rowless, long toWrap) = order.Place(firstWindow, lastWindow - firstWindow + 2);
        if (held is null)
        {
            Hold(memo, row);
        }

        long start = Math.Max(arrival, heldAt + held!.Values[QueueAt]);
        if (nextRefresh <= start && RefreshEnd(start) <= start)
        {
            // A unit idle past a refresh: the first burst applies it and finds it over. Applied now, every such unit
            // asks the same question, with the next refresh ahead.
            Materialize();
            _ = Refresh(start);
            Hold(memo, row);
        }

        RelativeState from = held!;
        var question = new ServeMemo.Question(from, write, count, first % order.WindowBursts, rowless, toWrap, Wrap(row - heldRow, rows), Math.Min(start - heldAt, from.Horizon));
        long refreshIn = nextRefresh - start;
        if (memo.Find(question, refreshIn, isBrief) is { } known)
        {
            (held, heldAt, heldRow, arraysCurrent) = (known.Next, start + known.NextAt, row, false);
            Hits += known.Hits;
            Misses += known.Misses;
            Conflicts += known.Conflicts;
            BusyPicoseconds += known.Bursts * burst;
            nextRefresh += known.RefreshBoundaries * refi;
            refreshEpoch += known.RefreshBoundaries;
            Refreshes += known.RefreshBoundaries;
            RememberedServes++;
            return (start + known.FirstColumn, start + known.LastEnd);
        }

        (long hits, long misses, long conflicts, long refreshAt) = (Hits, Misses, Conflicts, nextRefresh);
        (long firstColumn, long lastEnd) = Serve(arrival, write, order, first, count);
        Hold(memo, row);
        // No burst started later than the arrival or the oldest column left in the queue.
        long reach = Math.Min(Math.Max(arrival, heldAt) - start, refreshIn - 1);
        memo.Add(question, refreshIn, new ServeOutcome
        {
            Next = held!,
            NextAt = heldAt - start,
            FirstColumn = firstColumn - start,
            LastEnd = lastEnd - start,
            Reach = reach,
            Bursts = count,
            Hits = Hits - hits,
            Misses = Misses - misses,
            Conflicts = Conflicts - conflicts,
            RefreshBoundaries = (nextRefresh - refreshAt) / refi,
        });
        return (firstColumn, lastEnd);
    }

    /// <summary>Holds the unit (written out) as a relative state: times from the queue's oldest column, rows from <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Hold(ServeMemo memo, long row)
    {
        MaterializeQueue();
        long at = queue[queueIndex];
        long[] state = memo.Scratch;
        int banks = Banks;
        // The latest time each field can still hold a command up to; a field that cannot hold one past the reference is left out.
        long horizon = 0;
        long Keep(long time, long delay)
        {
            if (time + delay <= at)
            {
                return Gone;
            }

            horizon = Math.Max(horizon, time + delay - at);
            return time - at;
        }

        for (int b = 0; b < banks; b++)
        {
            bool open = openRow[b] >= 0;
            state[b] = open ? Wrap(openRow[b] - row, rows) : -1;
            state[banks + b] = open ? Keep(activatedAt[b], Math.Max(rcd, ras)) : Gone;
            state[(2 * banks) + b] = Keep(lastRead[b], rtp);
            state[(3 * banks) + b] = Keep(writeRecovered[b], 0);
            state[(4 * banks) + b] = open ? Gone : Keep(prechargeDone[b], 0);
        }

        for (int i = 0; i < queue.Length; i++)
        {
            int slot = queueIndex + i;
            state[QueueAt + i] = queue[slot < queue.Length ? slot : slot - queue.Length] - at;
        }

        for (int i = 0; i < FawActivations; i++)
        {
            state[ActsAt + i] = Keep(recentActs[(recentIndex + i) & (FawActivations - 1)], faw);
        }

        int s = ScalarsAt;
        state[s] = Keep(lastAct, Math.Max(rrdS, rrdL));
        state[s + 1] = state[s] == Gone ? Gone : lastActGroup;
        state[s + 2] = Keep(lastColumn, Math.Max(ccdS, ccdL));
        state[s + 3] = state[s + 2] == Gone ? Gone : lastColumnGroup;
        state[s + 4] = Keep(busFree, -Math.Min(cl, cwl));
        (state[s + 5], state[s + 6]) = ringIsRun ? (1, runStep) : (0, 0);
        (held, heldAt, heldRow, arraysCurrent) = (memo.Intern(horizon), at, row, true);
    }

    /// <summary>Holds the unit as a relative state and writes it out again: what is left out must change nothing (the tests hold it to that).</summary>
    internal void ForgetWhatCannotMatter(ServeMemo memo, long row)
    {
        Hold(memo, row);
        Materialize();
    }

    /// <summary>Writes the held state out into the unit's arrays (a time left out becomes one far past), so that bursts can be issued.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Materialize()
    {
        if (arraysCurrent)
        {
            held = null;
            return;
        }

        long[] state = held!.Values;
        long at = heldAt;
        int banks = Banks;
        long Time(long relative) => relative == Gone ? FarPast : at + relative;
        for (int b = 0; b < banks; b++)
        {
            openRow[b] = state[b] < 0 ? -1 : Wrap(state[b] + heldRow, rows);
            activatedAt[b] = Time(state[banks + b]);
            lastRead[b] = Time(state[(2 * banks) + b]);
            writeRecovered[b] = Time(state[(3 * banks) + b]);
            prechargeDone[b] = Time(state[(4 * banks) + b]);
        }

        for (int i = 0; i < queue.Length; i++)
        {
            queue[i] = at + state[QueueAt + i];
        }

        for (int i = 0; i < FawActivations; i++)
        {
            recentActs[i] = Time(state[ActsAt + i]);
        }

        int s = ScalarsAt;
        (queueIndex, recentIndex, queueStale) = (0, 0, false);
        (lastAct, lastActGroup) = (Time(state[s]), state[s] == Gone ? -1 : (int)state[s + 1]);
        (lastColumn, lastColumnGroup) = (Time(state[s + 2]), state[s + 2] == Gone ? -1 : (int)state[s + 3]);
        busFree = Time(state[s + 4]);
        (ringIsRun, runStep) = (state[s + 5] == 1, state[s + 6]);
        held = null;
    }

    private static long Wrap(long value, long modulus) => value < 0 ? value + modulus : value >= modulus ? value - modulus : value;
}
