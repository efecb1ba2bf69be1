using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AccelSim.Memory.BankTimed;

/// <summary>
/// The serves a memory's units have worked out, as transitions between their relative states (see
/// <see cref="DramUnit.ServeRemembered"/>): a state is interned once (equal states are one object), and a serve is
/// remembered by the state it started from, the request's shape on the unit, when it could first start and the next
/// refresh, and kept with that state. Units of one memory share their timing, so one unit's serve answers the same question on another, and a
/// stream of like tiles asks few distinct questions; so do the memories of like designs a run builds one after another
/// (each mapping trial, each sweep point), which share one memo per thread. Holds a bounded number of serves and
/// states; when full it starts over (a unit keeps the state it holds until its next serve, which that state no longer
/// answers): what it holds changes how fast a run is, never what it computes.
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

    private readonly Dictionary<RelativeState, RelativeState> states = new(new ByContent());

    // Serves are kept with the state they start from; starting over lets go of every state interned so far (a unit
    // holding one leaves it at its next serve: a state of an earlier generation answers nothing and learns nothing).
    private int generation;
    private int outcomes;

    // Lookups of long serves pay while 60 % are answered (a miss costs about a serve of a few windows on top of the
    // serve); of brief ones (a unit already held) while 95 % are: a brief serve missed costs the unit written out and
    // held again, many times the serve.
    private readonly Trials full = new(rests, 0.6);
    private readonly Trials brief = new(rests, 0.95);

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

    /// <summary>Whether to look the next serve up (<paramref name="isBrief"/>: a brief one of a held unit): while most such questions find an answer.</summary>
    public bool Worthwhile(bool isBrief) => (isBrief ? brief : full).Worthwhile();

    /// <summary>Where a unit writes a state to intern.</summary>
    public long[] Scratch { get; } = new long[stateLength];

    /// <summary>The one state equal to the one in <see cref="Scratch"/>, whose horizon is <paramref name="horizon"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RelativeState Intern(long horizon)
    {
        var probe = new RelativeState(Scratch, Hash(Scratch), horizon, generation);
        if (states.TryGetValue(probe, out RelativeState? known))
        {
            return known;
        }

        if (states.Count >= capacity)
        {
            StartOver();
        }

        var state = new RelativeState([.. Scratch], probe.Hash, horizon, generation);
        states.Add(state, state);
        return state;
    }

    /// <summary>What the serve <paramref name="question"/> did, if known, for the next refresh <paramref name="refreshIn"/> after its start.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ServeOutcome? Find(in Question question, long refreshIn, bool isBrief)
    {
        Trials trials = isBrief ? brief : full;
        RelativeState from = question.From;
        if (from.Generation != generation)
        {
            return trials.Tally(null);
        }

        if (from.Answer(question) is { } steady && refreshIn > steady.Reach)
        {
            return trials.Tally(steady);
        }

        return trials.Tally(from.Answer(question with { RefreshIn = refreshIn }));
    }

    /// <summary>Remembers what the serve <paramref name="question"/> did with the next refresh <paramref name="refreshIn"/> after its start.</summary>
    public void Add(in Question question, long refreshIn, ServeOutcome outcome)
    {
        RelativeState from = question.From;
        if (from.Generation != generation)
        {
            return;
        }

        // Outcomes are small and a state leads to a few of them.
        if (outcomes >= 4 * capacity)
        {
            StartOver();
            return;
        }

        if (outcome.RefreshBoundaries > 0)
        {
            outcomes += from.Remember(question with { RefreshIn = refreshIn }, outcome);
        }
        else if (from.Answer(question) is { } steady)
        {
            // The same serve, met again with a refresh due sooner: it holds that far too.
            steady.Reach = Math.Min(steady.Reach, refreshIn - 1);
        }
        else
        {
            outcomes += from.Remember(question, outcome);
        }
    }

    private void StartOver()
    {
        states.Clear();
        (generation, outcomes) = (generation + 1, 0);
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

        // Written out because the generated members compare and hash the state through object's virtual members, and
        // these run for every serve looked up.
        public bool Equals(Question other) =>
            ReferenceEquals(From, other.From) && Write == other.Write && Bursts == other.Bursts && Offset == other.Offset
            && Rowless == other.Rowless && ToWrap == other.ToWrap && RowDelta == other.RowDelta && StartAt == other.StartAt
            && RefreshIn == other.RefreshIn;

        public override int GetHashCode()
        {
            unchecked
            {
                const ulong Spread = 0x9E3779B97F4A7C15;
                ulong hash = ((ulong)From.Hash << 1) | (Write ? 1UL : 0);
                hash = (hash ^ (ulong)Bursts) * Spread;
                hash = (hash ^ (ulong)Offset) * Spread;
                hash = (hash ^ (ulong)Rowless) * Spread;
                hash = (hash ^ (ulong)ToWrap) * Spread;
                hash = (hash ^ (ulong)RowDelta) * Spread;
                hash = (hash ^ (ulong)StartAt) * Spread;
                hash = (hash ^ (ulong)RefreshIn) * Spread;
                return (int)(hash ^ (hash >> 32));
            }
        }
    }

    /// <summary>What decides a serve besides the unit's state: a memory timed alike answers alike.</summary>
    private readonly record struct Timed(DramOrganization Organization, DramTiming Timing, string Mapping, PagePolicy Policy, int QueueDepth);

    /// <summary>
    /// Every <see cref="Trial"/> questions, if fewer than <paramref name="pays"/> of them found an answer, serves go
    /// straight to the units for a rest that doubles with each trial that failed in a row (a stream whose serves do
    /// not repeat pays for its lookups and keeps nothing).
    /// </summary>
    private sealed class Trials(bool rests, double pays)
    {
        // Lookups per trial.
        private const int Trial = 2048;

        private long seen;
        private long restUntil;
        private int asked;
        private int answered;
        private int failedTrials;

        public bool Worthwhile()
        {
            seen++;
            return seen >= restUntil || !rests;
        }

        public ServeOutcome? Tally(ServeOutcome? outcome)
        {
            asked++;
            answered += outcome is null ? 0 : 1;
            if (asked == Trial)
            {
                failedTrials = answered < pays * Trial ? failedTrials + 1 : 0;
                restUntil = failedTrials == 0 ? 0 : seen + ((long)Trial << Math.Min(failedTrials, 10));
                (asked, answered) = (0, 0);
            }

            return outcome;
        }
    }

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
internal sealed class RelativeState(long[] values, int hash, long horizon, int generation)
{
    // Serves remembered from this state (ServeMemo's), in an open-addressed table at most half full: most states
    // lead to one or two, a state many serves start from (a unit that streamed a run of hits, say) to hundreds.
    private ServeMemo.Question[] asked = new ServeMemo.Question[2];
    private ServeOutcome?[] answers = new ServeOutcome?[2];
    private int known;

    public long[] Values { get; } = values;

    public int Hash { get; } = hash;

    public long Horizon { get; } = horizon;

    /// <summary>The memo's generation this state was interned in.</summary>
    public int Generation { get; } = generation;

    /// <summary>What the serve <paramref name="question"/> from this state did, if remembered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ServeOutcome? Answer(in ServeMemo.Question question)
    {
        int mask = answers.Length - 1;
        for (int slot = question.GetHashCode() & mask; answers[slot] is { } answer; slot = (slot + 1) & mask)
        {
            if (asked[slot].Equals(question))
            {
                return answer;
            }
        }

        return null;
    }

    /// <summary>Remembers (or replaces) what the serve <paramref name="question"/> did; returns how many serves were added (0 or 1).</summary>
    public int Remember(in ServeMemo.Question question, ServeOutcome outcome)
    {
        if (2 * (known + 1) > answers.Length)
        {
            (ServeMemo.Question[] oldAsked, ServeOutcome?[] oldAnswers) = (asked, answers);
            (asked, answers, known) = (new ServeMemo.Question[2 * oldAnswers.Length], new ServeOutcome?[2 * oldAnswers.Length], 0);
            for (int i = 0; i < oldAnswers.Length; i++)
            {
                if (oldAnswers[i] is { } answer)
                {
                    _ = Remember(oldAsked[i], answer);
                }
            }
        }

        int mask = answers.Length - 1;
        int slot = question.GetHashCode() & mask;
        for (; answers[slot] is not null; slot = (slot + 1) & mask)
        {
            if (asked[slot].Equals(question))
            {
                answers[slot] = outcome;
                return 0;
            }
        }

        (asked[slot], answers[slot]) = (question, outcome);
        known++;
        return 1;
    }
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
