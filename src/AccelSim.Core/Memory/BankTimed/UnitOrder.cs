namespace AccelSim.Memory.BankTimed;

/// <summary>
/// The bursts one unit (pseudo-channel) sees, in the order it sees them. Units share no timing state, so a request
/// can be served unit by unit instead of burst by burst: a unit's bursts of a request are a contiguous run of its own
/// index, the number the mapping's other fields (bg, ba, ro, co) form in their order. A row window is a run of that
/// index over which only co and the fields below it change: once each of its banks has been touched, every burst of a
/// window is a row hit, which <see cref="DramUnit"/> can serve in closed form.
/// </summary>
internal sealed class UnitOrder
{
    private const int Ch = 0, Pc = 1, Bg = 2, Ba = 3, Ro = 4, Co = 5;
    private const long MaxTable = 1 << 20;

    private readonly int[] field;
    private readonly long[] radix;
    private readonly long[] localBelow;
    private readonly int[] upperField;
    private readonly long[] upperRadix;
    private readonly int[] lowerField;
    private readonly long[] lowerRadix;
    private readonly int banksPerGroup;
    private readonly int pseudoChannels;
    private readonly long unitBursts;
    private readonly long totalBursts;
    // Windows per step of the row field.
    private readonly long rowPlace = 1;

    public UnitOrder(AddressMapping mapping, DramOrganization organization)
    {
        field = mapping.Order.ToArray();
        radix = mapping.Radix.ToArray();
        banksPerGroup = organization.BanksPerGroup;
        pseudoChannels = organization.PseudoChannels;
        totalBursts = organization.TotalBursts;
        unitBursts = totalBursts / organization.Units;
        localBelow = new long[field.Length];
        long product = 1;
        var local = new List<(int Field, long Radix)>();
        for (int i = 0; i < field.Length; i++)
        {
            localBelow[i] = product;
            if (field[i] is not (Ch or Pc))
            {
                product *= radix[i];
                local.Add((field[i], radix[i]));
            }
        }

        int co = local.FindIndex(f => f.Field == Co);
        lowerField = [.. local.Take(co).Select(f => f.Field)];
        lowerRadix = [.. local.Take(co).Select(f => f.Radix)];
        upperField = [.. local.Skip(co + 1).Select(f => f.Field)];
        upperRadix = [.. local.Skip(co + 1).Select(f => f.Radix)];
        int rowDigit = Array.IndexOf(upperField, Ro);
        Rows = rowDigit >= 0 ? upperRadix[rowDigit] : 1;
        for (int i = 0; i < rowDigit; i++)
        {
            rowPlace *= upperRadix[i];
        }

        // Only bank fields below co keep a window in one row of each bank; the per-window tables hold banks ×
        // bursts per row entries, kept to a size that costs nothing.
        long perWindow = lowerRadix.Aggregate(1L, (a, b) => a * b);
        long patterns = 1;
        for (int i = 0; i < upperField.Length; i++)
        {
            patterns *= upperField[i] == Ro ? 1 : upperRadix[i];
        }

        RowHitWindows = lowerField.All(f => f is Bg or Ba) && patterns * perWindow * local[co].Radix <= MaxTable;
        BanksPerWindow = RowHitWindows ? (int)perWindow : 1;
        WindowBursts = RowHitWindows ? (int)(perWindow * local[co].Radix) : 1;
        (int Field, long Radix) fastest = local.FirstOrDefault(f => f.Radix > 1);
        GroupChangesEveryBurst = fastest.Field == Bg && fastest.Radix > 1 && lowerField.Contains(Bg);
        GroupFixedInWindow = !lowerField.Contains(Bg) || organization.BankGroups == 1;
        Banks = RowHitWindows ? new int[patterns * WindowBursts] : [];
        Groups = new int[Banks.Length];
        GroupClasses = new int[RowHitWindows ? patterns : 0];
        if (RowHitWindows)
        {
            FillPatterns();
            for (int p = 0; p < patterns; p++)
            {
                ReadOnlySpan<int> own = Groups.AsSpan(p * WindowBursts, WindowBursts);
                int same = 0;
                while (!own.SequenceEqual(Groups.AsSpan(same * WindowBursts, WindowBursts)))
                {
                    same++;
                }

                GroupClasses[p] = same;
            }
        }
    }

    /// <summary>Bursts in one row window: co's values times the bank combinations below it.</summary>
    public int WindowBursts { get; }

    /// <summary>Distinct banks a window touches, in the order of its first bursts.</summary>
    public int BanksPerWindow { get; }

    /// <summary>Only bank fields change below co, so a window stays in one row of each of its banks (and its tables are small): requests can be served unit by unit.</summary>
    public bool RowHitWindows { get; }

    /// <summary>Consecutive bursts of a window always change bank group.</summary>
    public bool GroupChangesEveryBurst { get; }

    /// <summary>Consecutive bursts of a window never change bank group.</summary>
    public bool GroupFixedInWindow { get; }

    /// <summary>
    /// For every unit (indexed ch × pseudo-channels + pc), how many bursts below <paramref name="burst"/> (a global
    /// index, at most the memory's size) are the unit's: its own index of its next burst from there.
    /// </summary>
    public void LocalIndices(long burst, Span<long> perUnit)
    {
        if (burst >= totalBursts)
        {
            perUnit.Fill(unitBursts);
            return;
        }

        Span<long> digit = stackalloc long[field.Length];
        for (int i = 0; i < field.Length; i++)
        {
            digit[i] = burst % radix[i];
            burst /= radix[i];
        }

        // From the top field down: a unit counts the local values above the first unit field where its own value
        // differs from the burst's, plus that field's whole block below it if its own value is the lower one; a unit
        // that matches on both counts every local value below the burst.
        long all = 0;
        (long Above, long Digit, long Block) upper = default, lower = default;
        bool channelUpper = true;
        int seen = 0;
        for (int i = field.Length - 1; i >= 0; i--)
        {
            if (field[i] is Ch or Pc)
            {
                if (seen++ == 0)
                {
                    (upper, channelUpper) = ((all, digit[i], localBelow[i]), field[i] == Ch);
                }
                else
                {
                    lower = (all, digit[i], localBelow[i]);
                }
            }
            else
            {
                all += digit[i] * localBelow[i];
            }
        }

        for (int u = 0; u < perUnit.Length; u++)
        {
            long channel = u / pseudoChannels;
            long pseudoChannel = u - (channel * pseudoChannels);
            (long upperOwn, long lowerOwn) = channelUpper ? (channel, pseudoChannel) : (pseudoChannel, channel);
            perUnit[u] = upper.Digit != upperOwn ? upper.Above + (upper.Digit > upperOwn ? upper.Block : 0)
                : lower.Digit != lowerOwn ? lower.Above + (lower.Digit > lowerOwn ? lower.Block : 0)
                : all;
        }
    }

    /// <summary>How many fields above co a window index has.</summary>
    public int WindowDigits => upperField.Length;

    /// <summary>Splits a window index into its fields above co.</summary>
    public void Decode(long window, Span<long> digits)
    {
        for (int i = 0; i < upperField.Length; i++)
        {
            digits[i] = window % upperRadix[i];
            window /= upperRadix[i];
        }
    }

    /// <summary>Moves decoded window fields on to the next window, without dividing.</summary>
    public static void Advance(Span<long> digits, ReadOnlySpan<long> radices)
    {
        for (int i = 0; i < digits.Length; i++)
        {
            if (++digits[i] < radices[i])
            {
                return;
            }

            digits[i] = 0;
        }
    }

    public ReadOnlySpan<long> WindowRadices => upperRadix;

    /// <summary>The row of the window with fields <paramref name="digits"/>, and its combination of bank fields above co (its banks start at that times <see cref="WindowBursts"/> in <see cref="Banks"/>).</summary>
    public long Window(ReadOnlySpan<long> digits, out int pattern)
    {
        long row = 0;
        long index = 0;
        for (int i = upperField.Length - 1; i >= 0; i--)
        {
            if (upperField[i] == Ro)
            {
                row = digits[i];
            }
            else
            {
                index = (index * upperRadix[i]) + digits[i];
            }
        }

        pattern = (int)index;
        return row;
    }

    /// <summary>How many rows each bank has: the row field's radix.</summary>
    public long Rows { get; }

    /// <summary>
    /// Where window <paramref name="window"/> sits as far as the windows from it on are concerned: its row; its index
    /// with the row field cleared (which, with the distance to the row field's wrap, decides every later window's banks
    /// and its row relative to this one); and how many windows on the row field wraps, at most <paramref name="cap"/>.
    /// </summary>
    public (long Row, long Rowless, long ToWrap) Place(long window, long cap)
    {
        long row = window / rowPlace % Rows;
        long toWrap = ((Rows - row) * rowPlace) - (window % rowPlace);
        return (row, window - (row * rowPlace), Math.Min(toWrap, cap));
    }

    /// <summary>For every combination of the bank fields above co, the bank of each burst of a window, in order.</summary>
    public int[] Banks { get; }

    /// <summary>For each combination of bank fields above co, the first one whose windows visit bank groups in the same order.</summary>
    public int[] GroupClasses { get; }

    /// <summary>The bank group of each entry of <see cref="Banks"/>.</summary>
    public int[] Groups { get; }

    private void FillPatterns()
    {
        Span<long> fields = stackalloc long[AddressMapping.Fields.Length];
        int patterns = Banks.Length / WindowBursts;
        for (int p = 0; p < patterns; p++)
        {
            long index = p;
            for (int i = 0; i < upperField.Length; i++)
            {
                if (upperField[i] != Ro)
                {
                    fields[upperField[i]] = index % upperRadix[i];
                    index /= upperRadix[i];
                }
            }

            for (int x = 0; x < WindowBursts; x++)
            {
                long lower = x % BanksPerWindow;
                for (int i = 0; i < lowerField.Length; i++)
                {
                    fields[lowerField[i]] = lower % lowerRadix[i];
                    lower /= lowerRadix[i];
                }

                Groups[(p * WindowBursts) + x] = (int)fields[Bg];
                Banks[(p * WindowBursts) + x] = (int)((fields[Bg] * banksPerGroup) + fields[Ba]);
            }
        }
    }
}
