using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hrm.Protocol;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Labels;
using Hrm.Signals.Evaluation.Trading;

namespace Hrm.Backtesting;

/// <summary>What a plain backtest hands back: the summary, the reported signals and, for a full run, their evaluation.</summary>
public sealed record BacktestResult(BacktestSummary Summary, IReadOnlyList<AlphaSignal> Signals, RunEvaluation? Evaluation);

/// <summary>What a capture run scored: the window [From, To) of the book mids (Unix ns), the taker fee, and the symbols
/// left out for want of quotes (metrics.json's <c>capture</c> object and notes say the same).</summary>
public sealed record ScoredCapture(long From, long To, double FeeBps, IReadOnlyList<string> Unscored);

/// <summary>
/// Scores a backtest over tick captures (docs/EVALUATION.md, "Capture evaluation"): the hierarchy and every baseline
/// trade each symbol's sampled book mids over the reported window, paying the quoted half-spread and the taker fee.
/// It is prequential: the integrator learns a micro signal's hit rate only once the signal's duration has passed, so
/// every call is scored before its own outcome is learned; nothing is fit on the window beforehand.
/// </summary>
public static class CaptureEvaluation
{
    public const string NoQuotesNote = "no book ticker on the primary venue: this symbol is not scored";

    /// <summary>Why <see cref="Score"/> scored nothing: no symbol had a quote of <paramref name="venue"/> to trade at.</summary>
    public static string NotScored(Venue venue, IEnumerable<string> eventsRead) =>
        $"not scored: no symbol has a book ticker on the primary venue ({venue}), the quotes a capture backtest trades at; events read: {string.Join(", ", eventsRead)}";

    public static RunEvaluation? Score(IReadOnlyList<string> symbols, IReadOnlyList<AlphaSignal> signals,
        IReadOnlyDictionary<string, IReadOnlyList<LayerOutputs>> outputs, QuoteSampler quotes, CostModel costs,
        IReadOnlyDictionary<string, IReadOnlyList<FundingSettlement>> funding)
    {
        var evaluation = new StrategyEvaluation(costs, LabelSpec.Ticks);
        var notes = new JsonArray();
        var unscored = new List<string>();
        long start = long.MaxValue, end = long.MinValue;
        foreach (var symbol in symbols)
        {
            var mids = quotes.Mids(symbol);
            if (mids.Count < 2)
            {
                notes.Add(JsonValue.Create($"{symbol}: {NoQuotesNote}"));
                unscored.Add(symbol);
                continue;
            }

            start = Math.Min(start, mids[0].TsEvent);
            end = Math.Max(end, mids[^1].TsEvent + 1);
            var bars = PriceBar.From(mids);
            evaluation.AddWindow(symbol, new ScoredWindow(
                bars,
                bars,
                signals.Where(s => s.Symbol == symbol).ToArray(),
                outputs.TryGetValue(symbol, out var said) ? said : [],
                funding.TryGetValue(symbol, out var settlements) ? settlements : [],
                BaseRates: null,
                mids));
        }

        if (start == long.MaxValue)
        {
            return null;
        }

        var scores = evaluation.Score(start, end);
        var json = JsonNode.Parse(scores.Report.ToJson())!.AsObject();
        json["capture"] = new JsonObject
        {
            ["from"] = EventTime.IsoUtc(start),
            ["to"] = EventTime.IsoUtc(end),
            ["symbols"] = new JsonArray(symbols.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["fee_bps"] = costs.FeeBps,
            ["slippage"] = "quoted half-spread of the primary venue's book ticker",
            ["funding"] = funding.Count == 0
                ? "none: no funding file in --history"
                : "charged at the settlements of the funding files in --history that fall in the window",
            ["climatology"] = "prequential: each decision's base rate is the share of rises among the labels already ended at its time",
        };
        notes.Add(JsonValue.Create(
            "prequential: signals are scored on the window they learn from, each before its own outcome is known; no train/test split on a capture"));
        notes.Add(JsonValue.Create(string.Create(CultureInfo.InvariantCulture,
            $"prices are book mids sampled every 100 ms; a signal fills at the first mid after it; each symbol gets 1/{Math.Max(1, symbols.Count)} of the capital")));
        notes.Add(JsonValue.Create(
            "labels: the log return of the mid from the fill (the first mid after the decision) to one horizon later (1 s, 10 s, 60 s), scaled by the volatility of the minute before the decision"));
        json["notes"] = notes;
        var prices = quotes.Mids(symbols.First(s => quotes.Mids(s).Count >= 2));
        return new RunEvaluation(scores.Hierarchy, scores.Baselines, prices, scores.Report,
            json.ToJsonString(Protocol.HrmJson.Files), evaluation.Rows, evaluation.Labels.Horizons,
            Capture: new ScoredCapture(start, end, costs.FeeBps, unscored));
    }
}
