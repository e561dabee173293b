using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Evaluation.Trading;
using Hrm.Signals.Evaluation.WalkForward;

namespace Hrm.Backtesting;

/// <summary>
/// The pure part of a walk-forward run: which events each fold's entity sees, which of its signals are scored, the
/// prices each window trades at, and how the per-fold, per-symbol simulations add up to one curve.
/// </summary>
public static class WalkForwardWindows
{
    private const string FoldMark = "~f";

    /// <summary>The entity a fold runs a symbol in: <c>BTCUSDT~f3</c>, a fresh entity per fold.</summary>
    public static string EntityName(string symbol, WalkForwardFold fold) => $"{symbol}{FoldMark}{fold.Index}";

    /// <summary>The symbol an entity name of <see cref="EntityName"/> stands for.</summary>
    public static string SymbolOf(string entity)
    {
        var mark = entity.LastIndexOf(FoldMark, StringComparison.Ordinal);
        return mark < 0 ? entity : entity[..mark];
    }

    /// <summary>
    /// What the fold's entities are fed: the events stamped in [TrainFrom, TestTo), their symbol replaced by the fold's
    /// entity name. Nothing before the train window, nothing after the test window.
    /// </summary>
    public static IEnumerable<MarketEvent> FoldEvents(IEnumerable<MarketEvent> events, WalkForwardFold fold) =>
        events.Where(e => e.TsEvent >= fold.TrainFrom && e.TsEvent < fold.TestTo)
            .Select(e => e with { Symbol = EntityName(e.Symbol, fold) });

    /// <summary>The fold's signals stamped in [TestFrom, TestTo), under the symbol again, in event-time order.</summary>
    public static IReadOnlyList<AlphaSignal> TestSignals(IEnumerable<AlphaSignal> signals, WalkForwardFold fold) =>
        Window(signals, fold.TestFrom, fold.TestTo);

    /// <summary>The fold's signals stamped in [TrainFrom, TestFrom) (for the train window's climatology base rate).</summary>
    public static IReadOnlyList<AlphaSignal> TrainSignals(IEnumerable<AlphaSignal> signals, WalkForwardFold fold) =>
        Window(signals, fold.TrainFrom, fold.TestFrom);

    /// <summary>
    /// The prices of [from, to): each candle as a <see cref="PriceBar"/> stamped at its <b>opening</b> time (the
    /// simulator's convention), for the candles that open in the window. A signal stamped at a candle's close t fills
    /// at the open of the first candle opening strictly after t, i.e. one candle after the one opening at t: one bar
    /// of delay, conservative. Malformed candles (non-positive, open or close outside high/low) are skipped.
    /// </summary>
    public static IReadOnlyList<PriceBar> PriceBars(IEnumerable<Bar> bars, long from, long to) =>
        bars.Where(b => b.OpenTime >= from && b.OpenTime < to)
            .Where(b => b.Low > 0 && b.Low <= b.High && b.Open >= b.Low && b.Open <= b.High && b.Close >= b.Low && b.Close <= b.High)
            .Select(b => new PriceBar(b.OpenTime, b.Open, b.High, b.Low, b.Close))
            .ToArray();

    /// <summary>
    /// One strategy over all test windows and symbols: each symbol gets 1/N of the capital (positions, returns and
    /// costs scaled by 1/N); a symbol's test windows are chained additively (the simulator's equity is 1 + Σ returns,
    /// so each window adds its P&amp;L to the last); the symbols' P&amp;L is summed on the union of their bar times.
    /// </summary>
    /// <param name="perSymbol">Per symbol, its windows' results in time order.</param>
    public static StrategyResult Combine(string name, IReadOnlyList<IReadOnlyList<StrategyResult>> perSymbol)
    {
        var n = perSymbol.Count;
        var trades = new List<Trade>();
        var curves = new List<List<(long Ts, double Pnl)>>();
        foreach (var windows in perSymbol)
        {
            var curve = new List<(long, double)>();
            var offset = 0.0;
            foreach (var window in windows)
            {
                trades.AddRange(window.Trades.Select(t => t with
                {
                    Position = t.Position / n,
                    GrossReturn = t.GrossReturn / n,
                    Costs = t.Costs / n,
                    Fees = t.Fees / n,
                    Funding = t.Funding / n,
                    NetReturn = t.NetReturn / n,
                }));
                foreach (var point in window.Equity)
                {
                    curve.Add((point.TsEvent, (offset + point.Equity - 1) / n));
                }

                if (window.Equity.Count > 0)
                {
                    offset += window.Equity[^1].Equity - 1;
                }
            }

            curves.Add(curve);
        }

        var times = curves.SelectMany(c => c.Select(p => p.Ts)).Distinct().Order().ToArray();
        var cursor = new int[n];
        var last = new double[n];
        var equity = new List<EquityPoint>(times.Length);
        var peak = 1.0;
        foreach (var ts in times)
        {
            for (var s = 0; s < n; s++)
            {
                while (cursor[s] < curves[s].Count && curves[s][cursor[s]].Ts <= ts)
                {
                    last[s] = curves[s][cursor[s]++].Pnl;
                }
            }

            var value = 1 + last.Sum();
            peak = Math.Max(peak, value);
            equity.Add(new EquityPoint(ts, value, value / peak - 1));
        }

        return new StrategyResult(name, trades.OrderBy(t => t.ExitTs).ThenBy(t => t.EntryTs).ToArray(), equity);
    }

    /// <summary>Per symbol, the USD-M funding settlements among the events, in time order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<FundingSettlement>> Funding(IEnumerable<MarketEvent> events) =>
        events.OfType<FundingRate>()
            .Where(f => f.Venue == Venue.BinanceUsdm && double.IsFinite(f.Rate))
            .GroupBy(f => f.Symbol, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<FundingSettlement>)g.OrderBy(f => f.TsEvent).Select(f => new FundingSettlement(f.TsEvent, f.Rate)).ToArray(),
                StringComparer.Ordinal);

    private static IReadOnlyList<AlphaSignal> Window(IEnumerable<AlphaSignal> signals, long from, long to) =>
        signals.Where(s => s.TsEvent >= from && s.TsEvent < to)
            .Select(s => s with { Symbol = SymbolOf(s.Symbol) })
            .OrderBy(s => s.TsEvent)
            .ThenBy(s => s.Sequence)
            .ToArray();
}
