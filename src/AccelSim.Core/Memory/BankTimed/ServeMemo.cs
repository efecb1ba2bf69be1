using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AccelSim.Memory.BankTimed;

/// <summary>
/// The serves a memory's units have worked out, as transitions between their relative states (see
/// <see cref="DramUnit.ServeRemembered"/>): a state is interned once (equal states are one object), and a serve is
/// remembered by the state it started from, the request's shape on the unit, when it could first start and the next
/// refresh. Units of one memory share their timing, so one unit's serve answers the same question on another, and a
/// stream of like tiles asks few distinct questions; so do the memories of like designs a run builds one after another
/// (each mapping trial, each sweep point), which share one memo per thread. Holds a bounded number of serves and
/// states; when full it starts over (units keep the states they hold): what it holds changes how fast a run is,
/// never what it computes.
/// </summary>
internal sealed class ServeMemo(int stateLength, int capacity, bool rests = true)
{
    public const int DefaultCapacity = 4096;

    // States are the bulky part: about this many bytes of them at most, per memo.
    private const long StateBytes = 32L << 20;

    [ThreadStatic]
    private static Dictionary<Timed, ServeMemo>? perThread;

    // Memos a thread keeps, one per timing; a sweep over timings starts over past this many.
    private const int Timings = 4;

    // A serve that met no refresh answers for any refresh due after its last burst's start: keyed without one.
    private const long NoRefresh = long.MinValue;

    // Lookups per trial, and the share of them answered below which looking up costs more than it saves (a miss
    // costs about a serve of a few windows on top of the serve).
    private const int Trial = 2048;
    private const double Pays = 0.6;

    private readonly Dictionary<RelativeState, RelativeState> states = new(new ByContent());
    private readonly Dictionary<Question, ServeOutcome> outcomes = [];
    private long seen;
    private long restUntil;
    private int asked;
    private int answered;
    private int failedTrials;

    /// <summary>The memo this thread keeps for memories timed as <paramref name="config"/> whose units hold states of <paramref name="stateLength"/>.</summary>
    public static ServeMemo For(BankTimedDramConfig config, int stateLength)
    {
        perThread ??= [];
        var timed = new Timed(config.Organization, config.Timing, config.Mapping.Text, config.Policy, config.QueueDepth);
        if (!perThread.TryGetValue(timed, out ServeMemo? memo))
        {
            if (perThread.Count >= Timings)
            {
                perThread.Clear();
            }

            memo = new ServeMemo(stateLength, (int)Math.Clamp(StateBytes / (8L * stateLength), 256, 1 << 16));
            perThread.Add(timed, memo);
        }

        return memo;
    }

    /// <summary>
    /// Whether to look the next serve up: while most questions find an answer. Every <see cref="Trial"/> questions,
    /// if fewer than <see cref="Pays"/> of them did, serves go straight to the units for a rest that doubles with each
    /// trial that failed in a row (a stream whose serves do not repeat pays for its lookups and keeps nothing).
    /// </summary>
    public bool Worthwhile()
    {
        seen++;
        return seen >= restUntil || !rests;
    }

    private ServeOutcome? Tally(ServeOutcome? outcome)
    {
        asked++;
        answered += outcome is null ? 0 : 1;
        if (asked == Trial)
        {
            failedTrials = answered < Pays * Trial ? failedTrials + 1 : 0;
            restUntil = failedTrials == 0 ? 0 : seen + ((long)Trial << Math.Min(failedTrials, 10));
            (asked, answered) = (0, 0);
        }

        return outcome;
    }

    /// <summary>Where a unit writes a state to intern.</summary>
    public long[] Scratch { get; } = new long[stateLength];

    /// <summary>The one state equal to the one in <see cref="Scratch"/>, whose horizon is <paramref name="horizon"/>.</summary>
    public RelativeState Intern(long horizon)
    {
        var probe = new RelativeState(Scratch, Hash(Scratch), horizon);
        if (states.TryGetValue(probe, out RelativeState? known))
        {
            return known;
        }

        if (states.Count >= capacity)
        {
            states.Clear();
        }

        var state = new RelativeState([.. Scratch], probe.Hash, horizon);
        states.Add(state, state);
        return state;
    }

    /// <summary>What the serve <paramref name="question"/> did, if known, for the next refresh <paramref name="refreshIn"/> after its start.</summary>
    public ServeOutcome? Find(in Question question, long refreshIn)
    {
        if (outcomes.TryGetValue(question, out ServeOutcome? steady) && refreshIn > steady.Reach)
        {
            return Tally(steady);
        }

        return Tally(outcomes.TryGetValue(question with { RefreshIn = refreshIn }, out ServeOutcome? refreshed) ? refreshed : null);
    }

    /// <summary>Remembers what the serve <paramref name="question"/> did with the next refresh <paramref name="refreshIn"/> after its start.</summary>
    public void Add(in Question question, long refreshIn, ServeOutcome outcome)
    {
        // Outcomes are small and a state leads to a few of them.
        if (outcomes.Count >= 4 * capacity)
        {
            outcomes.Clear();
        }

        if (outcome.RefreshBoundaries > 0)
        {
            outcomes[question with { RefreshIn = refreshIn }] = outcome;
        }
        else if (outcomes.TryGetValue(question, out ServeOutcome? steady))
        {
            // The same serve, met again with a refresh due sooner: it holds that far too.
            steady.Reach = Math.Min(steady.Reach, refreshIn - 1);
        }
        else
        {
            outcomes[question] = outcome;
        }
    }

    private static int Hash(ReadOnlySpan<long> values)
    {
        ReadOnlySpan<int> words = MemoryMarshal.Cast<long, int>(values);
        Vector256<int> spread = Vector256.Create(unchecked((int)0x9E3779B1));
        Vector256<int> acc = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        ref int first = ref MemoryMarshal.GetReference(words);
        int i = 0;
        for (; i <= words.Length - Vector256<int>.Count; i += Vector256<int>.Count)
        {
            acc = (acc * spread) ^ Vector256.LoadUnsafe(ref first, (nuint)i);
        }

        var hash = new HashCode();
        for (int lane = 0; lane < Vector256<int>.Count; lane++)
        {
            hash.Add(acc[lane]);
        }

        for (; i < words.Length; i++)
        {
            hash.Add(words[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>
    /// A serve asked of a unit: the state it starts from (by identity: states are interned), the request's shape on
    /// the unit (read or write, bursts, offset in its first window, that window's index with the row field cleared,
    /// windows to the row field's wrap, its row counted from the state's), when it can first start relative to the
    /// state (at most the state's horizon) and, for a serve that met a refresh, when the next one was due.
    /// </summary>
    internal readonly record struct Question(RelativeState From, bool Write, long Bursts, long Offset, long Rowless, long ToWrap, long RowDelta, long StartAt)
    {
        public long RefreshIn { get; init; } = NoRefresh;
    }

    /// <summary>What decides a serve besides the unit's state: a memory timed alike answers alike.</summary>
    private readonly record struct Timed(DramOrganization Organization, DramTiming Timing, string Mapping, PagePolicy Policy, int QueueDepth);

    private sealed class ByContent : IEqualityComparer<RelativeState>
    {
        public bool Equals(RelativeState? x, RelativeState? y) =>
            x!.Hash == y!.Hash && x.Horizon == y.Horizon && x.Values.AsSpan().SequenceEqual(y.Values);

        public int GetHashCode(RelativeState state) => state.Hash;
    }
}

/// <summary>
/// A unit's state with its times relative to a reference time (the oldest column in its queue, before which no later
/// burst starts) and its open rows relative to a reference row, laid out as <see cref="DramUnit"/> describes it;
/// times that can no longer hold anything up are left out. <see cref="Horizon"/>: a serve starting this long after
/// the reference or later finds nothing of it but the open rows.
/// </summary>
internal sealed class RelativeState(long[] values, int hash, long horizon)
{
    public long[] Values { get; } = values;

    public int Hash { get; } = hash;

    public long Horizon { get; } = horizon;
}

/// <summary>
/// What a serve did, relative to the time it could first start: the state it left (interned) and that state's
/// reference time, its first column and last data end, the counters it added and the refresh boundaries it crossed.
/// </summary>
internal sealed class ServeOutcome
{
    public required RelativeState Next { get; init; }

    public long NextAt { get; init; }

    public long FirstColumn { get; init; }

    public long LastEnd { get; init; }

    /// <summary>A serve that met no refresh does the same whenever the next one is due later than this.</summary>
    public long Reach { get; set; }

    public long Bursts { get; init; }

    public long Hits { get; init; }

    public long Misses { get; init; }

    public long Conflicts { get; init; }

    public long RefreshBoundaries { get; init; }
}
