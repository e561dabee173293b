using Hrm.Protocol.Market;

namespace Hrm.MarketData.Deribit;

/// <summary>
/// Passes each instrument's tickers once: a ticker whose <c>timestamp</c> is not after the last one passed for that
/// instrument is a repeat (a duplicated frame, or an older one arriving late) and is dropped.
/// </summary>
public sealed class DeribitTickerFilter
{
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);

    public bool IsNew(OptionQuote quote)
    {
        if (_last.TryGetValue(quote.Instrument, out var last) && quote.TsEvent <= last) return false;
        _last[quote.Instrument] = quote.TsEvent;
        return true;
    }
}
