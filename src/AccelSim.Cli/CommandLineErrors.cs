using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using AccelSim.Text;

namespace AccelSim.Cli;

/// <summary>
/// Command-line parse errors as the rest of AccelSim reports errors: one line each naming the option, in words rather
/// than .NET type names, a "did you mean" for a mistyped option, and a pointer to --help instead of the whole help.
/// </summary>
internal static partial class CommandLineErrors
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (option|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?$")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<token>.*)'\.?$")]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^Required argument missing for option: '(?<option>[^']*)'\.?$")]
    private static partial Regex MissingValue();

    [GeneratedRegex(@"was not matched\. Did you mean")]
    private static partial Regex Suggestion();

    public static int Report(ParseResult parsed, TextWriter error)
    {
        Command command = parsed.CommandResult.Command;
        string[] options = [.. command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith('-'))];
        string[] subcommands = [.. command.Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal)];
        var lines = new List<string>();
        string? previousUnknown = null;
        foreach (ParseError e in parsed.Errors)
        {
            if (Suggestion().IsMatch(e.Message))
            {
                continue;
            }

            if (CannotParse().Match(e.Message) is { Success: true } m)
            {
                lines.Add($"{m.Groups["option"].Value}: '{m.Groups["value"].Value}' is not {Expected(m.Groups["type"].Value)}");
            }
            else if (MissingValue().Match(e.Message) is { Success: true } v)
            {
                lines.Add($"{v.Groups["option"].Value}: needs a value");
            }
            else if (Unrecognized().Match(e.Message) is { Success: true } u)
            {
                string token = u.Groups["token"].Value;
                if (!token.StartsWith('-') && previousUnknown is not null)
                {
                    // The value of the option that was not recognized: that option's line says enough.
                    continue;
                }

                previousUnknown = token.StartsWith('-') ? token : null;
                string? close = token.StartsWith('-') ? Spelling.ClosestMatch(token.Split('=')[0], options) : Spelling.ClosestMatch(token, subcommands);
                lines.Add(token.StartsWith('-')
                    ? $"{token}: unknown option of '{command.Name}'" + (close is null ? "" : $"; did you mean {close}?")
                    : command is RootCommand
                        ? $"'{token}' is not a command" + (close is null ? $"; the commands are {string.Join(", ", subcommands)}" : $"; did you mean '{close}'?")
                        : $"'{token}': unexpected argument of '{command.Name}'");
            }
            else if (command is RootCommand && parsed.Errors.Any(x => Unrecognized().IsMatch(x.Message)))
            {
                // "Required command was not provided" beside an unknown command: the line for that command says it.
                continue;
            }
            else
            {
                lines.Add(command is RootCommand ? $"name a command: {string.Join(", ", subcommands)}" : e.Message);
            }
        }

        foreach (string line in lines.Distinct())
        {
            error.WriteLine(line);
        }

        string name = command is RootCommand ? "accelsim" : $"accelsim {command.Name}";
        error.WriteLine($"{lines.Distinct().Count()} error{(lines.Distinct().Count() == 1 ? "" : "s")} in the command line; '{name} --help' lists the options");
        return 1;
    }

    private static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        _ => "a valid value",
    };
}
