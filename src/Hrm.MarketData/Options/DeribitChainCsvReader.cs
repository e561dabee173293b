using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Options;

/// <summary>
/// Reads Deribit option chain snapshots as the public-API collector wrote them (<c>options/deribit_btc_option_chain_*.csv.gz</c>):
/// one option a row with <c>expiration_timestamp</c> and <c>timestamp</c> (Unix ms), <c>option_type</c> (call/put),
/// <c>instrument_name</c> (<c>BTC-22MAY20-9250-P</c>), <c>strike</c>, <c>underlying_price</c>, <c>open_interest</c> (contracts
/// of 1 BTC), <c>mark_iv</c> (percent) and <c>greeks</c>, a Python dict literal (<c>{'vega': 5.49, …, 'gamma': 0.00037,
/// 'delta': -0.43897}</c>) from which delta, gamma and vega are read. Rows become <see cref="OptionQuote"/>s (venue
/// <see cref="Venue.Deribit"/>, symbol from the instrument's base: BTC → BTCUSDT) stamped at their <c>timestamp</c>. The
/// collector wrote rows in request order, not time order (the 2020-05-14 file is not sorted), so a file is read whole and
/// sorted by time (stable); files are a few hundred rows. Bad rows are skipped and counted.
/// </summary>
public sealed partial class DeribitChainCsvReader(string path) : IMarketEventSource
{
    public const string MissingColumn = "missing-column";
    public const string MissingGreeks = "missing-greeks";
    public const string BadOptionType = "bad-option-type";
    public const string UnknownSymbol = "unknown-symbol";
    public const string ExpiredOption = "expired-option";

    private static readonly string[] Required =
        ["expiration_timestamp", "option_type", "instrument_name", "strike", "underlying_price", "timestamp", "open_interest", "mark_iv", "greeks"];

    [GeneratedRegex(@"'(?<name>delta|gamma|vega)'\s*:\s*(?<value>[^,}\s]+)")]
    private static partial Regex Greek();

    public string Path { get; } = path;

    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The currency the file name names (<c>deribit_btc_option_chain_…</c> → BTCUSDT), or null; each row's own symbol comes from its instrument.</summary>
    public string? Symbol { get; } = Symbols.InFileName(path);

    public RejectCounts Rejects { get; } = new();

    /// <summary>The chain files below a directory (<c>deribit_*option_chain*.csv[.gz]</c>), ordered by path.</summary>
    public static IReadOnlyList<DeribitChainCsvReader> Discover(string directory) =>
        Directory.EnumerateFiles(directory, "deribit_*option_chain*.csv*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => new DeribitChainCsvReader(p))
            .ToList();

    public IEnumerator<MarketEvent> GetEnumerator() => ReadAll().GetEnumerator();

    private List<MarketEvent> ReadAll()
    {
        Rejects.Clear();
        var quotes = new List<MarketEvent>();
        using var lines = new LineReader(Path, Rejects);
        if (!lines.TryReadLine(out var headerLine))
        {
            Rejects.Add(OnChain.CoinMetricsCsvReader.MissingHeader);
            return quotes;
        }

        var header = new List<string>();
        CsvFields.TrySplit(Encoding.UTF8.GetString(headerLine), header);
        var index = Required.Select(name => header.IndexOf(name)).ToArray();
        if (index.Any(i => i < 0))
        {
            Rejects.Add(MissingColumn);
            return quotes;
        }

        var fields = new List<string>(header.Count);
        while (lines.TryReadLine(out var line))
        {
            var quote = ParseRow(Encoding.UTF8.GetString(line), header.Count, index, fields, out var reason);
            if (quote is null) Rejects.Add(reason!);
            else quotes.Add(quote);
        }

        // stable sort by event time: List.Sort is unstable, OrderBy is stable
        return quotes.OrderBy(q => q.TsEvent).ToList();
    }

    private static OptionQuote? ParseRow(string line, int columns, int[] index, List<string> fields, out string? reason)
    {
        reason = RejectReasons.MalformedRow;
        if (!CsvFields.TrySplit(line, fields) || fields.Count != columns) return null;
        string Field(int i) => fields[index[i]];

        reason = RejectReasons.BadTimestamp;
        if (!long.TryParse(Field(0), NumberStyles.None, CultureInfo.InvariantCulture, out var expiryMs) ||
            !long.TryParse(Field(5), NumberStyles.None, CultureInfo.InvariantCulture, out var tsMs) ||
            expiryMs > long.MaxValue / Timestamps.NanosPerMilli || tsMs > long.MaxValue / Timestamps.NanosPerMilli)
            return null;

        reason = BadOptionType;
        bool isCall;
        if (Field(1) == "call") isCall = true;
        else if (Field(1) == "put") isCall = false;
        else return null;

        var instrument = Field(2);
        var dash = instrument.IndexOf('-');
        reason = UnknownSymbol;
        if (dash <= 0) return null;
        var symbol = Symbols.Canonical(instrument[..dash]);

        Span<double> v = stackalloc double[4]; // strike, underlying, open interest, mark iv
        int[] numeric = [3, 4, 6, 7];
        for (var k = 0; k < numeric.Length; k++)
        {
            reason = Number(Field(numeric[k]), out v[k]);
            if (reason is not null) return null;
        }

        reason = RejectReasons.NegativePrice;
        if (v[0] <= 0 || v[1] <= 0) return null;
        reason = RejectReasons.NegativeQty;
        if (v[2] < 0 || v[3] < 0) return null;

        double delta = double.NaN, gamma = double.NaN, vega = double.NaN;
        foreach (Match m in Greek().Matches(Field(8)))
        {
            reason = Number(m.Groups["value"].Value, out var g);
            if (reason is not null) return null;
            switch (m.Groups["name"].Value)
            {
                case "delta": delta = g; break;
                case "gamma": gamma = g; break;
                default: vega = g; break;
            }
        }

        reason = MissingGreeks;
        if (double.IsNaN(delta) || double.IsNaN(gamma) || double.IsNaN(vega)) return null;
        reason = ExpiredOption;
        if (expiryMs <= tsMs) return null;

        reason = null;
        var ts = tsMs * Timestamps.NanosPerMilli;
        return new OptionQuote
        {
            Symbol = symbol,
            Venue = Venue.Deribit,
            TsEvent = ts,
            TsInit = ts,
            Instrument = instrument,
            Expiry = expiryMs * Timestamps.NanosPerMilli,
            Strike = v[0],
            IsCall = isCall,
            MarkIv = v[3],
            Delta = delta,
            Gamma = gamma,
            Vega = vega,
            OpenInterest = v[2],
            UnderlyingPrice = v[1],
        };
    }

    private static string? Number(string text, out double value)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return RejectReasons.BadNumber;
        return double.IsFinite(value) ? null : RejectReasons.NonFiniteNumber;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
