namespace AccelSim.Memory.BankTimed;

/// <summary>
/// What one row window did to a unit, relative to the unit's last column before it. A window whose first touches
/// find their banks' history long past (no precharge, write recovery or earlier activation holds them up), waits for
/// no arrival and no refresh, and ends in one run of row hits, is a function of the few times that do hold it up: the
/// last activations (tRRD, tFAW), the last column and its group, when the bus frees and the queue (a run of hits
/// spaced by the bus step). When the next window starts from the same relative state, it does the same thing shifted
/// in time: <see cref="DramUnit"/> then applies the outcome instead of issuing its bursts.
/// </summary>
internal sealed class WindowReplay(int banks)
{
    public bool Valid { get; set; }

    public bool Write { get; set; }

    public int GroupClass { get; set; }

    /// <summary>The state it started from, relative to the last column before it.</summary>
    public UnitState Before { get; } = new();

    /// <summary>The state it left, relative to the same column.</summary>
    public UnitState After { get; } = new();

    // What it did, relative to the same column.
    public bool[] Conflict { get; } = new bool[banks];

    public long[] Start { get; } = new long[banks];

    public long[] Activated { get; } = new long[banks];

    /// <summary>Each first-touched bank's last read column, or its write recovery end.</summary>
    public long[] LastUse { get; } = new long[banks];

    public long FirstColumn { get; set; }

    /// <summary>It ended in the state it started from (shifted by its span), so the window after it, replayed, does the same again.</summary>
    public bool Repeats { get; set; }

    public long Span { get; set; }

    public long Hits { get; set; }

    public long Misses { get; set; }

    public long Conflicts { get; set; }

    /// <summary>
    /// The times and groups a window's first touches and first column wait on, relative to a column time: the last
    /// activation and its group (tRRD), the last four activations oldest first (tFAW), the last column's group (tCCD)
    /// and when the bus frees.
    /// </summary>
    internal sealed class UnitState
    {
        public long LastAct { get; set; }

        public int LastActGroup { get; set; }

        public int LastColumnGroup { get; set; }

        public long BusFree { get; set; }

        public long[] RecentActs { get; } = new long[4];

        /// <summary>Whether this state, taken <paramref name="later"/> after <paramref name="earlier"/>'s reference time, is the same state.</summary>
        public bool SameAs(UnitState earlier, long later)
        {
            if (LastAct - later != earlier.LastAct || LastActGroup != earlier.LastActGroup || LastColumnGroup != earlier.LastColumnGroup
                || BusFree - later != earlier.BusFree)
            {
                return false;
            }

            // Asked once per recorded window: a loop, where a LINQ comparison allocated an iterator and a closure each time.
            for (int i = 0; i < RecentActs.Length; i++)
            {
                if (RecentActs[i] - later != earlier.RecentActs[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
