using System.Collections;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Candles;

/// <summary>
/// One venue's bars of one period for one symbol, with its quote variants combined: Binance.US and Kraken each run
/// BTC/USD, BTC/USDT and BTC/USDC books, all of which belong to the BTCUSDT entity. For each bar close time the
/// <b>volume is the sum</b> over the books (it is in BTC in every book, so it adds up to the venue's BTC volume, which
/// dominance needs) and the <b>prices come from one book</b>, the first present in the order USD, USDT, USDC: the books
/// differ by the stablecoin's own price (USDC traded near 0.88 USD on 2023-03-11), so prices of different quotes are
/// never mixed within a bar. Files are read whole (the largest has 57 000 rows); rejects of every file are summed.
/// </summary>
public sealed class CrossExchangeBars : IMarketEventSource
{
    public CrossExchangeBars(IReadOnlyList<CrossExchangeFile> files)
    {
        if (files.Count == 0) throw new ArgumentException("no files", nameof(files));
        var first = files[0];
        if (files.Any(f => f.Venue != first.Venue || f.Period != first.Period || f.Symbol != first.Symbol))
            throw new ArgumentException("files of one venue, period and symbol only", nameof(files));
        Files = files.OrderBy(f => CrossExchangeFile.QuotePriority(f.Quote)).ToList();
        Name = $"{first.Venue.Name()} {first.Symbol} {first.Period.Label()} ({string.Join('+', Files.Select(f => f.Quote))})";
    }

    public IReadOnlyList<CrossExchangeFile> Files { get; }

    public string Name { get; }

    public RejectCounts Rejects { get; } = new();

    /// <summary>One source per (venue, symbol, period) found below <paramref name="directory"/>.</summary>
    public static IReadOnlyList<CrossExchangeBars> Discover(string directory) =>
        CrossExchangeFile.Discover(directory)
            .GroupBy(f => (f.Venue, f.Symbol, f.Period))
            .OrderBy(g => g.Key.Venue).ThenBy(g => g.Key.Symbol, StringComparer.Ordinal).ThenBy(g => g.Key.Period)
            .Select(g => new CrossExchangeBars(g.ToList()))
            .ToList();

    public IEnumerator<MarketEvent> GetEnumerator()
    {
        Rejects.Clear();
        var merged = new SortedDictionary<long, Bar>();
        foreach (var file in Files)
        {
            var reader = new CrossExchangeCsvReader(file);
            foreach (var e in reader)
            {
                var bar = (Bar)e;
                merged[bar.TsEvent] = merged.TryGetValue(bar.TsEvent, out var kept) ? kept with { Volume = kept.Volume + bar.Volume } : bar;
            }

            Rejects.Add(reader.Rejects);
        }

        return merged.Values.Cast<MarketEvent>().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
