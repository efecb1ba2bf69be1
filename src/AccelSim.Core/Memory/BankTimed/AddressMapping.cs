namespace AccelSim.Memory.BankTimed;

/// <summary>
/// Which bits of a burst's index select the channel (ch), pseudo-channel (pc), bank group (bg), bank (ba), row (ro)
/// and burst within the row (co), written most significant first, e.g. <c>ro-ba-co-bg-pc-ch</c>: consecutive
/// bursts go to successive channels and pseudo-channels, then bank groups (so one channel alternates bank groups and
/// streams at tCCD_S), then along the row.
/// </summary>
public sealed class AddressMapping
{
    public static readonly string[] Fields = ["ch", "pc", "bg", "ba", "ro", "co"];

    private readonly int[] order;
    private readonly long[] radix;

    private AddressMapping(string text, int[] order, long[] radix)
    {
        Text = text;
        this.order = order;
        this.radix = radix;
    }

    public string Text { get; }

    /// <summary>The fields' indices into <see cref="Fields"/>, least significant first.</summary>
    internal ReadOnlySpan<int> Order => order;

    /// <summary>Each field's number of values, least significant first.</summary>
    internal ReadOnlySpan<long> Radix => radix;

    /// <summary>Parses a mapping for <paramref name="organization"/>, or says what is wrong with it.</summary>
    public static AddressMapping? Parse(string text, DramOrganization organization, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(organization);
        string[] parts = text.Split('-');
        error = "";
        var missing = Fields.Where(f => !parts.Contains(f)).ToList();
        var unknown = parts.Where(p => !Fields.Contains(p)).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || parts.Length != Fields.Length)
        {
            error = $"'{text}' must name each of {string.Join(", ", Fields)} exactly once, most significant first (such as ro-ba-co-bg-pc-ch)"
                + (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : "")
                + (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "");
            return null;
        }

        long Size(string field) => field switch
        {
            "ch" => organization.Channels,
            "pc" => organization.PseudoChannels,
            "bg" => organization.BankGroups,
            "ba" => organization.BanksPerGroup,
            "ro" => organization.Rows,
            _ => organization.BurstsPerRow,
        };

        int[] order = [.. parts.Reverse().Select(p => Array.IndexOf(Fields, p))];
        long[] radix = [.. parts.Reverse().Select(Size)];
        return new AddressMapping(text, order, radix);
    }

    /// <summary>Splits a burst index (taken modulo the memory's size) into its fields, indexed as <see cref="Fields"/>.</summary>
    public void Decode(long burst, Span<long> fields)
    {
        for (int i = 0; i < order.Length; i++)
        {
            fields[order[i]] = burst % radix[i];
            burst /= radix[i];
        }
    }

    /// <summary>Moves decoded <paramref name="fields"/> on to the next burst (wrapping at the memory's end), without dividing.</summary>
    public void Increment(Span<long> fields)
    {
        for (int i = 0; i < order.Length; i++)
        {
            if (++fields[order[i]] < radix[i])
            {
                return;
            }

            fields[order[i]] = 0;
        }
    }

    public override string ToString() => Text;
}
