using System.Globalization;
using AccelSim.Config.Yaml;

namespace AccelSim.Sweep;

/// <summary>
/// A condition a point must meet, such as <c>rows * cols &lt;= 65536</c> or <c>area_mm2 &lt;= 50</c>: two arithmetic
/// sides (numbers, names, + − × ÷, parentheses) and one comparison (&lt;, &lt;=, &gt;, &gt;=, ==, !=). Names are axes
/// (known before the point runs) or metrics (known after).
/// </summary>
public sealed class SweepConstraint
{
    private readonly Node left;
    private readonly Node right;
    private readonly string comparison;

    private SweepConstraint(string text, SourceLocation at, Node left, string comparison, Node right)
    {
        Text = text;
        At = at;
        this.left = left;
        this.comparison = comparison;
        this.right = right;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        left.Collect(names);
        right.Collect(names);
        Names = [.. names];
    }

    public string Text { get; }

    public SourceLocation At { get; }

    /// <summary>The axes and metrics the condition reads.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> when it is not one comparison of two arithmetic sides.</summary>
    public static SweepConstraint? Parse(string text, SourceLocation at, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        try
        {
            Node left = parser.Sum();
            string comparison = parser.Comparison();
            Node right = parser.Sum();
            parser.End();
            error = "";
            return new SweepConstraint(text, at, left, comparison, right);
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Whether the point meets the condition, given each name's value (null: unknown, which fails it).</summary>
    public bool Holds(Func<string, double?> value)
    {
        double? a = left.Evaluate(value), b = right.Evaluate(value);
        if (a is not double x || b is not double y)
        {
            return false;
        }

        return comparison switch
        {
            "<" => x < y,
            "<=" => x <= y,
            ">" => x > y,
            ">=" => x >= y,
            "==" => x == y,
            _ => x != y,
        };
    }

    public override string ToString() => Text;

    private abstract class Node
    {
        public abstract double? Evaluate(Func<string, double?> value);

        public virtual void Collect(ISet<string> names)
        {
        }
    }

    private sealed class Constant(double number) : Node
    {
        public override double? Evaluate(Func<string, double?> value) => number;
    }

    private sealed class Name(string name) : Node
    {
        public override double? Evaluate(Func<string, double?> value) => value(name);

        public override void Collect(ISet<string> names) => names.Add(name);
    }

    private sealed class Binary(char op, Node a, Node b) : Node
    {
        public override double? Evaluate(Func<string, double?> value)
        {
            if (a.Evaluate(value) is not double x || b.Evaluate(value) is not double y)
            {
                return null;
            }

            return op switch
            {
                '+' => x + y,
                '-' => x - y,
                '*' => x * y,
                _ => y == 0 ? null : x / y,
            };
        }

        public override void Collect(ISet<string> names)
        {
            a.Collect(names);
            b.Collect(names);
        }
    }

    private sealed class Negate(Node a) : Node
    {
        public override double? Evaluate(Func<string, double?> value) => -a.Evaluate(value);

        public override void Collect(ISet<string> names) => a.Collect(names);
    }

    /// <summary>Recursive descent over the text; errors name the column they stop at.</summary>
    private sealed class Parser(string text)
    {
        private int at;

        public Node Sum()
        {
            Node node = Product();
            while (Peek() is '+' or '-')
            {
                char op = text[at++];
                node = new Binary(op, node, Product());
            }

            return node;
        }

        public string Comparison()
        {
            Skip();
            foreach (string op in new[] { "<=", ">=", "==", "!=", "<", ">" })
            {
                if (string.CompareOrdinal(text, at, op, 0, op.Length) == 0)
                {
                    at += op.Length;
                    return op;
                }
            }

            throw Fail("expected a comparison (<, <=, >, >=, ==, !=)");
        }

        public void End()
        {
            if (Peek() is char c)
            {
                throw Fail($"unexpected '{c}'");
            }
        }

        private Node Product()
        {
            Node node = Unary();
            while (Peek() is '*' or '/')
            {
                char op = text[at++];
                node = new Binary(op, node, Unary());
            }

            return node;
        }

        private Node Unary()
        {
            if (Peek() == '-')
            {
                at++;
                return new Negate(Unary());
            }

            return Primary();
        }

        private Node Primary()
        {
            char? c = Peek();
            if (c == '(')
            {
                at++;
                Node inner = Sum();
                if (Peek() != ')')
                {
                    throw Fail("expected ')'");
                }

                at++;
                return inner;
            }

            int start = at;
            if (c is char d && (char.IsAsciiDigit(d) || d == '.'))
            {
                while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] == '.' || ((text[at] is '+' or '-') && text[at - 1] is 'e' or 'E')))
                {
                    at++;
                }

                string number = text[start..at];
                return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                    ? new Constant(value)
                    : throw Fail($"'{number}' is not a number", start);
            }

            if (c is char l && (char.IsAsciiLetter(l) || l == '_'))
            {
                while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] == '_'))
                {
                    at++;
                }

                return new Name(text[start..at]);
            }

            throw Fail(c is null ? "the expression ends too early" : $"unexpected '{c}'");
        }

        private char? Peek()
        {
            Skip();
            return at < text.Length ? text[at] : null;
        }

        private void Skip()
        {
            while (at < text.Length && char.IsWhiteSpace(text[at]))
            {
                at++;
            }
        }

        private FormatException Fail(string message, int? position = null) => new($"{message} at character {(position ?? at) + 1} of '{text}'");
    }
}
