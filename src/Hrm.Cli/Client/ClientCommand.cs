using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hrm.Cli.Client;

/// <summary>What a client command's action gets: the node, whether to print JSON, and the user's cancellation.</summary>
public sealed record ClientContext(NodeClient Node, bool Json, string CommandName, CancellationToken Cancellation)
{
    /// <summary>
    /// A console on the current stdout (not the one <see cref="AnsiConsole"/> captured when first used); when stdout
    /// is not a terminal (a pipe, a file) tables are not wrapped to 80 columns, so each row stays on one line for grep.
    /// </summary>
    public IAnsiConsole Stdout { get; } = CreateStdout();

    private static IAnsiConsole CreateStdout()
    {
        var output = new AnsiConsoleOutput(Console.Out);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = output });
        if (!output.IsTerminal)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    /// <summary>Prints an API answer as it came (a JSON document), for <c>--json</c>.</summary>
    public void PrintJson(string body) => Console.Out.WriteLine(body.Trim());

    /// <summary>Prints what the CLI composed from API answers in the API's JSON, for <c>--json</c>.</summary>
    public void PrintJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Protocol.HrmJson.Web));
}

/// <summary>
/// The options every command that talks to a node takes (<c>--node</c>, <c>--token</c>, <c>--json</c>) and the
/// shared action wrapper: it resolves the node and token (option, else <c>HRM_NODE</c>/<c>HRM_TOKEN</c>, else the
/// default), and turns every failure into one stderr line <c>hrm &lt;command&gt;: &lt;message&gt;. &lt;next step&gt;</c>
/// with exit code 2 (bad input), 3 (node unreachable) or 4 (unauthorised).
/// </summary>
public static class ClientCommand
{
    public const string DefaultNode = "http://127.0.0.1:8080";
    public const string NodeVariable = "HRM_NODE";
    public const string TokenVariable = "HRM_TOKEN";

    /// <summary>The top-level names of the commands that talk to a node (and <c>backtest submit</c>/<c>status</c>).</summary>
    private static readonly string[] ClientPaths = ["symbols", "signals", "status", "backtest submit", "backtest status"];

    /// <summary>A command that talks to a node: <c>--node</c>, <c>--token</c> and <c>--json</c> added, <paramref name="action"/> wrapped.</summary>
    public static Command Create(string name, string description, Func<ParseResult, ClientContext, Task<int>> action, params Symbol[] symbols)
    {
        var node = new Option<string?>("--node") { Description = $"The node's HTTP API (default: ${NodeVariable}, else {DefaultNode})" };
        var token = new Option<string?>("--token") { Description = $"Bearer token, the node's Hrm:Api:Token (default: ${TokenVariable})" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        command.Options.Add(node);
        command.Options.Add(token);
        command.Options.Add(json);
        command.SetAction(async (parse, cancellation) =>
        {
            var commandName = CommandPath(parse);
            var url = ResolveNode(parse.GetValue(node));
            if (!TryNodeUri(url, out var uri))
            {
                return Fail(commandName, 2, $"--node '{url}' is not an http:// or https:// URL. Pass e.g. --node {DefaultNode}, or fix {NodeVariable}");
            }

            var bearer = ResolveToken(parse.GetValue(token));
            using var client = new NodeClient(uri, bearer);
            try
            {
                return await action(parse, new ClientContext(client, parse.GetValue(json), commandName, cancellation));
            }
            catch (NodeClientException error)
            {
                return Fail(commandName, error.ExitCode, error.Message);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return 130;
            }
        });
        return command;
    }

    /// <summary>
    /// For a client command the command line could not parse: one line in the same form as every other error, exit
    /// code 2. Null for other commands (the local commands keep System.CommandLine's own handling).
    /// </summary>
    public static int? ReportParseErrors(ParseResult parse)
    {
        if (parse.Errors.Count == 0)
        {
            return null;
        }

        var name = CommandPath(parse);
        if (!ClientPaths.Any(p => name == p || name.StartsWith(p + " ", StringComparison.Ordinal)))
        {
            return null;
        }

        var message = parse.Errors[0].Message.TrimEnd().TrimEnd('.');
        if (message.Length > 1 && char.IsUpper(message[0]) && char.IsLower(message[1]))
        {
            message = char.ToLowerInvariant(message[0]) + message[1..];
        }

        return Fail(name, 2, $"{message}. Run hrm {name} --help for usage");
    }

    /// <summary>The node's URL: <c>--node</c>, else <c>HRM_NODE</c>, else <see cref="DefaultNode"/>.</summary>
    public static string ResolveNode(string? option) =>
        Blank(option) ?? Blank(Environment.GetEnvironmentVariable(NodeVariable)) ?? DefaultNode;

    /// <summary>The bearer token: <c>--token</c>, else <c>HRM_TOKEN</c>, else none.</summary>
    public static string? ResolveToken(string? option) =>
        Blank(option) ?? Blank(Environment.GetEnvironmentVariable(TokenVariable));

    /// <summary>Local validation failed: the usual one-line error and exit code 2.</summary>
    public static NodeClientException BadInput(string message) => new(2, message);

    /// <summary>Reads a whole-number option: null when absent, a <see cref="NodeClientException"/> (exit 2) when out of range.</summary>
    public static int? ReadInt(string? value, string option, int minimum)
    {
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < minimum)
        {
            throw BadInput($"{option} '{value}' is not a whole number >= {minimum}. Pass e.g. {option} {Math.Max(minimum, 1) * 10}");
        }

        return number;
    }

    /// <summary>A path segment for a symbol or id: trimmed and escaped.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value.Trim());

    /// <summary>A canonical symbol as typed: trimmed, upper case.</summary>
    public static string Canonical(string symbol) => symbol.Trim().ToUpperInvariant();

    /// <summary>
    /// A value of an API answer for people: text as it is, null (or a number that is not finite) as <c>-</c>, booleans
    /// yes/no, lists comma-separated, JSON objects as compact JSON.
    /// </summary>
    public static string Show(object? value) => value switch
    {
        null => "-",
        string text => text.Length == 0 ? "-" : text,
        bool flag => flag ? "yes" : "no",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double number => double.IsFinite(number) ? number.ToString("0.####", CultureInfo.InvariantCulture) : "-",
        IEnumerable<string> items => string.Join(", ", items.Select(Show)),
        JsonValue json when json.TryGetValue<string>(out var text) => Show(text),
        JsonValue json when json.TryGetValue<bool>(out var flag) => Show(flag),
        JsonValue json when json.TryGetValue<long>(out var whole) => Show(whole),
        JsonValue json when json.TryGetValue<double>(out var number) => Show(number),
        JsonArray array when array.All(e => e is JsonValue) => string.Join(", ", array.Select(Show)),
        JsonNode node => node.ToJsonString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "-",
    };

    /// <summary>A table cell that is never read as Spectre markup.</summary>
    public static IRenderable Cell(object? value) => new Text(Show(value));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryNodeUri(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);

    /// <summary>The command's words after <c>hrm</c>, e.g. <c>symbols add</c>.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command is not RootCommand)
            {
                names.Add(result.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static int Fail(string command, int code, string message)
    {
        Console.Error.WriteLine($"hrm {command}: {message.TrimEnd().TrimEnd('.')}.");
        return code;
    }
}
