namespace AccelSim.Accelerator;

/// <summary>
/// The tiles of one operand a core's buffer holds, least recently used evicted first: a tile still held when the
/// loop order comes back to it is not fetched again.
/// </summary>
internal sealed class ResidentTiles(long capacity)
{
    private readonly LinkedList<(int Repeat, int Index, int K)> order = new();
    private readonly Dictionary<(int Repeat, int Index, int K), LinkedListNode<(int Repeat, int Index, int K)>> held = new(TileKeys.Instance);

    /// <summary>Whether the buffer holds the tile now (without marking it used).</summary>
    public bool Holds((int Repeat, int Index, int K) tile) => order.Last?.Value == tile || held.ContainsKey(tile);

    /// <summary>Marks the tile as used now; true if it had to be fetched.</summary>
    public bool Fetch((int Repeat, int Index, int K) tile)
    {
        // Loop orders reuse the tile just used most often: it is already the most recent.
        if (order.Last?.Value == tile)
        {
            return false;
        }

        if (held.TryGetValue(tile, out LinkedListNode<(int, int, int)>? node))
        {
            order.Remove(node);
            order.AddLast(node);
            return false;
        }

        if (held.Count >= capacity)
        {
            // The evicted tile's node carries the new one: a full buffer allocates nothing per fetch.
            LinkedListNode<(int Repeat, int Index, int K)> oldest = order.First!;
            held.Remove(oldest.Value);
            order.RemoveFirst();
            oldest.Value = tile;
            order.AddLast(oldest);
            held[tile] = oldest;
            return true;
        }

        held[tile] = order.AddLast(tile);
        return true;
    }

    /// <summary>Tile coordinates hashed by a few multiply-adds (the default combines them through a seeded hash).</summary>
    private sealed class TileKeys : IEqualityComparer<(int Repeat, int Index, int K)>
    {
        public static readonly TileKeys Instance = new();

        public bool Equals((int Repeat, int Index, int K) x, (int Repeat, int Index, int K) y) => x == y;

        public int GetHashCode((int Repeat, int Index, int K) tile) => unchecked((((tile.Repeat * 486_187_739) + tile.Index) * 16_777_619) + tile.K);
    }
}
