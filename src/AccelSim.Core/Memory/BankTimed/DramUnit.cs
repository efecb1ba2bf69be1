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
        start = Refresh(start);
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
            recentIndex = (recentIndex + 1) % recentActs.Length;
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
        queueIndex = (queueIndex + 1) % queue.Length;
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
