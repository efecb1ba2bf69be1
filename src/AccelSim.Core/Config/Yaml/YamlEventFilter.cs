using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AccelSim.Config.Yaml;

/// <summary>
/// Sits between YamlDotNet's parser and its representation model. It reports every repeated key of a mapping and
/// drops the repeat (key and value), so the document still loads and its other errors are found in the same run
/// (YamlDotNet itself stops at the first duplicate). And it bounds what a document may hold before the model, which
/// builds nodes recursively, sees it: nesting deeper than <see cref="MaxDepth"/>, scalars longer than
/// <see cref="MaxScalar"/> and aliases (a self-referencing or exponentially expanding alias would overflow the stack
/// or the memory) stop the load with <see cref="YamlBoundException"/> at the event's position.
/// </summary>
internal sealed class YamlEventFilter(IParser inner, string file, string path, Diagnostics diagnostics) : IParser
{
    public const int MaxDepth = 64;

    public const int MaxScalar = 65536;

    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;

        public bool ExpectingKey { get; set; } = true;

        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
    }

    private readonly Stack<Frame> frames = new();

    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the last event read ended; locates a parser failure that carries no position of its own.</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        while (inner.MoveNext())
        {
            ParsingEvent current = inner.Current!;
            LastEnd = current.End;
            Bound(current);
            if (frames.TryPeek(out Frame? top) && top.IsMapping && top.ExpectingKey && current is Scalar key)
            {
                if (top.Keys.TryGetValue(key.Value, out Mark first))
                {
                    diagnostics.Add(
                        new SourceLocation(file, (int)key.Start.Line, (int)key.Start.Column),
                        path,
                        $"duplicate key '{key.Value}' (first given at line {first.Line}); this one is ignored");
                    SkipValue();
                    continue;
                }

                top.Keys[key.Value] = key.Start;
                top.ExpectingKey = false;
                return true;
            }

            switch (current)
            {
                case MappingStart:
                    frames.Push(new Frame(isMapping: true));
                    break;
                case SequenceStart:
                    frames.Push(new Frame(isMapping: false));
                    break;
                case MappingEnd or SequenceEnd:
                    frames.Pop();
                    ValueDone();
                    break;
                case Scalar or AnchorAlias:
                    ValueDone();
                    break;
            }

            return true;
        }

        return false;
    }

    private void Bound(ParsingEvent current)
    {
        switch (current)
        {
            case AnchorAlias alias:
                throw new YamlBoundException(current.Start, $"YAML aliases (*{alias.Value}) are not read: write the value out, or share it through a preset file");
            case MappingStart or SequenceStart when frames.Count >= MaxDepth:
                throw new YamlBoundException(current.Start, $"nested more than {MaxDepth} levels deep; no AccelSim input needs that");
            case Scalar { Value.Length: > MaxScalar } scalar:
                throw new YamlBoundException(current.Start, $"a value of {scalar.Value.Length:N0} characters, more than the {MaxScalar:N0} any AccelSim key takes");
        }
    }

    private void ValueDone()
    {
        if (frames.TryPeek(out Frame? top) && top.IsMapping)
        {
            top.ExpectingKey = !top.ExpectingKey;
        }
    }

    private void SkipValue()
    {
        int depth = 0;
        while (inner.MoveNext())
        {
            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }

            if (depth == 0)
            {
                return;
            }
        }
    }
}

/// <summary>A document that passes a bound of <see cref="YamlEventFilter"/>: where, and which.</summary>
internal sealed class YamlBoundException(Mark at, string message) : Exception(message)
{
    public Mark At { get; } = at;
}
