using Hrm.Protocol.Market;
using Hrm.Signals.Evaluation;

namespace Hrm.Backtesting;

/// <summary>
/// Samples the best bid and ask of one venue, per symbol, from the <see cref="BookTicker"/> events streaming past on
/// their way to the entities: the last quote in each <paramref name="stepNanos"/> bucket becomes a mid with its
/// half-spread, the prices a capture backtest trades at (fills pay the quoted half-spread). Quotes stamped before
/// the last kept one (a capture is not strictly ordered on exchange time) and crossed or empty quotes are skipped.
/// </summary>
public sealed class QuoteSampler(Venue venue, long stepNanos = 100_000_000)
{
    private readonly Dictionary<string, List<PricePoint>> _mids = new(StringComparer.Ordinal);

    public IEnumerable<MarketEvent> Observe(IEnumerable<MarketEvent> events)
    {
        foreach (var e in events)
        {
            if (e is BookTicker quote && quote.Venue == venue)
            {
                Add(quote);
            }

            yield return e;
        }
    }

    /// <summary>The sampled mids of a symbol in event-time order (empty when the venue quoted none).</summary>
    public IReadOnlyList<PricePoint> Mids(string symbol) => _mids.TryGetValue(symbol, out var mids) ? mids : [];

    private void Add(BookTicker quote)
    {
        var bid = Fixed.ToDouble(quote.BidPrice);
        var ask = Fixed.ToDouble(quote.AskPrice);
        if (!(bid > 0 && ask >= bid))
        {
            return;
        }

        if (!_mids.TryGetValue(quote.Symbol, out var mids))
        {
            _mids[quote.Symbol] = mids = [];
        }

        var point = new PricePoint(quote.TsEvent, (bid + ask) / 2, (ask - bid) / 2);
        if (mids.Count == 0 || quote.TsEvent / stepNanos > mids[^1].TsEvent / stepNanos)
        {
            mids.Add(point);
        }
        else if (quote.TsEvent >= mids[^1].TsEvent)
        {
            mids[^1] = point;
        }
    }
}
