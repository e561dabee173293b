using System.CommandLine;
using Hrm.Actors.Backtest;

namespace Hrm.Cli;

/// <summary>The options every replaying command takes (what to replay, with what history, where to write).</summary>
public sealed class ReplayInputOptions(string defaultOut, string outDescription = "Output directory")
{
    public Option<DirectoryInfo> Data { get; } = new("--data") { Description = "Directory with Binance websocket captures (searched recursively)", Required = true };

    public Option<string?> Symbols { get; } = new("--symbols") { Description = "Comma-separated canonical symbols, e.g. BTCUSDT,ETHUSDT (default: all in the data)" };

    public Option<DirectoryInfo> Output { get; } = new("--out") { Description = outDescription, DefaultValueFactory = _ => new DirectoryInfo(defaultOut) };

    public Option<DirectoryInfo?> History { get; } = new("--history") { Description = "Candle/funding CSV directory to warm up macro and meso before the first tick" };

    public Option<int> WarmupDays { get; } = new("--warmup-days") { Description = "Days of history replayed before the first tick", DefaultValueFactory = _ => 120 };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Symbols);
        command.Options.Add(Output);
        command.Options.Add(History);
        command.Options.Add(WarmupDays);
    }

    public BacktestOptions Read(ParseResult parse) => new()
    {
        DataDirectory = parse.GetValue(Data)!.FullName,
        Symbols = SplitSymbols(parse.GetValue(Symbols)),
        OutDirectory = parse.GetValue(Output)!.FullName,
        HistoryDirectory = parse.GetValue(History)?.FullName,
        Warmup = TimeSpan.FromDays(parse.GetValue(WarmupDays)),
    };

    private static string[]? SplitSymbols(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToArray();
}
