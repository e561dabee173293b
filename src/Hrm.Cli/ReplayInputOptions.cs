using System.CommandLine;
using Hrm.Actors.Symbol;
using Hrm.Backtesting;
using Hrm.Signals.Learning.Hierarchy;

namespace Hrm.Cli;

/// <summary>The options every replaying command takes (what to replay, with what history, where to write).</summary>
public sealed class ReplayInputOptions(string defaultOut, string outDescription = "Output directory")
{
    public Option<DirectoryInfo> Data { get; } = new("--data") { Description = "Directory with Binance websocket captures and/or Bitstamp L3 order files (searched recursively)", Required = true };

    public Option<string?> Symbols { get; } = new("--symbols") { Description = "Comma-separated canonical symbols, e.g. BTCUSDT,ETHUSDT (default: all in the data)" };

    public Option<DirectoryInfo> Output { get; } = new("--out") { Description = outDescription, DefaultValueFactory = _ => new DirectoryInfo(defaultOut) };

    public Option<DirectoryInfo?> History { get; } = new("--history") { Description = "Candle/funding CSVs (and Coin Metrics on-chain, Deribit option chain files, in any subdirectory) replayed before the first tick to warm up macro and meso" };

    public Option<int> WarmupDays { get; } = new("--warmup-days") { Description = "Days of history replayed before the first tick", DefaultValueFactory = _ => 120 };

    public Option<FileInfo?> Model { get; } = new("--model") { Description = "Serve a learned model (model.json of hrm discover) instead of the hand-set integrator" };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Symbols);
        command.Options.Add(Output);
        command.Options.Add(History);
        command.Options.Add(WarmupDays);
        command.Options.Add(Model);
    }

    /// <summary>The options as given; false with a one-line reason when <c>--model</c> is missing or not a model file.</summary>
    public bool TryRead(ParseResult parse, out BacktestOptions options, out string error)
    {
        options = new BacktestOptions
        {
            DataDirectory = parse.GetValue(Data)!.FullName,
            Symbols = SplitSymbols(parse.GetValue(Symbols)),
            OutDirectory = parse.GetValue(Output)!.FullName,
            HistoryDirectory = parse.GetValue(History)?.FullName,
            Warmup = TimeSpan.FromDays(parse.GetValue(WarmupDays)),
        };
        error = "";
        if (parse.GetValue(Model) is not { } file)
        {
            return true;
        }

        try
        {
            options = options with { Symbol = new SymbolSettings { Model = LearnedModel.FromJson(File.ReadAllText(file.FullName)) } };
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            error = $"--model {file.FullName}: {e.Message}";
            return false;
        }
    }

    private static string[]? SplitSymbols(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToArray();
}
