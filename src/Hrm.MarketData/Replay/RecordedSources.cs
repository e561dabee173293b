using Hrm.MarketData.Binance;
using Hrm.MarketData.Bitstamp;
using Hrm.MarketData.Candles;
using Hrm.MarketData.Deribit;
using Hrm.MarketData.OnChain;
using Hrm.MarketData.Options;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Replay;

/// <summary>
/// What a replay reads (a backtest, an entity's recorded feed): the Binance captures, Deribit recordings and Bitstamp L3 order files under
/// <see cref="DataDirectory"/> for <see cref="Symbols"/> (null: every symbol in the data) and, when
/// <see cref="HistoryDirectory"/> is set, the candles, funding, on-chain metrics and option chains for
/// <see cref="Warmup"/> before the first tick; every event at or after <see cref="Cut"/> (Unix ns) left out.
/// </summary>
public sealed record RecordedInput(
    string DataDirectory,
    string? HistoryDirectory = null,
    TimeSpan Warmup = default,
    IReadOnlyList<string>? Symbols = null,
    long? Cut = null);

/// <summary>
/// The recorded inputs of a replay: the Binance captures and Bitstamp L3 order files under the data directory for the
/// chosen symbols and, when asked, the 1h candles, funding, Coin Metrics on-chain metrics and Deribit option chains of
/// those symbols for the warm-up period before the first tick, merged on event time. History stops at the first tick,
/// so candles and trade-built bars never cover the same period twice.
/// </summary>
public sealed class RecordedSources
{
    private readonly IReadOnlyList<IMarketEventSource> _sources;

    private readonly IReadOnlyList<CandleFile> _fundingFiles;

    private RecordedSources(
        IReadOnlyList<IMarketEventSource> sources, IReadOnlyList<string> symbols, IEnumerable<MarketEvent> events, long reportFrom,
        IReadOnlyList<CandleFile> fundingFiles)
    {
        _sources = sources;
        _fundingFiles = fundingFiles;
        Symbols = symbols;
        Events = events;
        ReportFrom = reportFrom;
    }

    /// <summary>
    /// Signals stamped before this time come from the history warm-up (which primes the layers' state) and are not
    /// the backtest's result: the first tick's time when history is replayed, else no bound.
    /// </summary>
    public long ReportFrom { get; }

    public IReadOnlyList<string> Symbols { get; }

    public IEnumerable<MarketEvent> Events { get; }

    public IReadOnlyList<string> Names => _sources.Select(s => s.Name).ToList();

    /// <summary>Events each source rejected, per reason, summed over the sources.</summary>
    public SortedDictionary<string, long> Rejects() => RejectCounts.Sum(_sources.Select(s => s.Rejects));

    public static RecordedSources Open(RecordedInput options)
    {
        if (!Directory.Exists(options.DataDirectory))
        {
            throw new InputException($"data directory '{options.DataDirectory}' does not exist.");
        }

        var captures = CaptureCatalog.Discover(options.DataDirectory);
        var orders = L3Catalog.Discover(options.DataDirectory);
        var deribit = DeribitCaptureCatalog.Discover(options.DataDirectory);
        if (captures.Count == 0 && orders.Count == 0 && deribit.Count == 0)
        {
            throw new InputException(
                $"no readable data under '{options.DataDirectory}': expected Binance captures such as spot_btcusdt_20240809.gz, Deribit recordings such as deribit_btc_20261203.gz (hrm record) or Bitstamp L3 orders (orders.csv.gz).");
        }

        var available = captures.Select(c => c.Symbol).Concat(orders.Select(o => o.Symbol)).Concat(deribit.Select(d => d.Symbol))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var symbols = options.Symbols?.Distinct().Order(StringComparer.Ordinal).ToList() ?? available;
        var missing = symbols.Except(available).ToList();
        if (missing.Count > 0)
        {
            throw new InputException(
                $"symbol {string.Join(", ", missing)} is not in the data (available: {string.Join(", ", available)}).");
        }

        var sources = new List<IMarketEventSource>();
        sources.AddRange(captures.Where(c => symbols.Contains(c.Symbol)).Select(c => new BinanceCaptureReader(c)));
        sources.AddRange(orders.Where(o => symbols.Contains(o.Symbol)));
        sources.AddRange(deribit.Where(d => symbols.Contains(d.Symbol)).Select(d => new DeribitCaptureReader(d)));
        var streams = sources.Select(s => Cut(s, options.Cut)).ToList();
        var reportFrom = long.MinValue;
        var fundingFiles = new List<CandleFile>();
        if (options.HistoryDirectory is not null)
        {
            var firstTick = streams.Select(s => s.FirstOrDefault()?.TsEvent ?? long.MaxValue).Min();
            reportFrom = firstTick;
            var from = firstTick - options.Warmup.Ticks * 100;
            foreach (var file in HistoryFiles(options.HistoryDirectory, symbols, from))
            {
                if (file.Kind == CandleKind.Funding)
                {
                    fundingFiles.Add(file);
                }

                var reader = new CandleCsvReader(file);
                sources.Add(reader);
                streams.Add(Cut(reader, options.Cut).Where(e => e.TsEvent >= from && e.TsEvent < firstTick));
            }

            foreach (var (source, events) in ContextFiles(options.HistoryDirectory, symbols, from, firstTick))
            {
                sources.Add(source);
                streams.Add(Cut(events, options.Cut));
            }
        }

        return new RecordedSources(sources, symbols, EventMerger.Merge(streams), reportFrom, fundingFiles);
    }

    /// <summary>
    /// Every event of the history's funding files, the replayed window included (the history stream itself stops at
    /// the first tick): the settlements a perp position held in the window pays.
    /// </summary>
    public IEnumerable<MarketEvent> FundingEvents() => _fundingFiles.SelectMany(f => new CandleCsvReader(f));

    /// <summary>
    /// Per symbol: 1h spot bars, funding, and the finest perp bars (15m, else 1h) whose file reaches back furthest.
    /// Perp 15m bars give meso a ready 15m pattern at the first tick and roll up into 1h/4h/1d for macro; a 1h perp
    /// file is then left out, since the same hours would arrive twice.
    /// </summary>
    private static IEnumerable<CandleFile> HistoryFiles(string directory, IReadOnlyCollection<string> symbols, long from)
    {
        if (!Directory.Exists(directory))
        {
            throw new InputException($"history directory '{directory}' does not exist.");
        }

        var candidates = CandleFile.Discover(directory).Where(f => symbols.Contains(f.Symbol)).ToList();
        foreach (var symbol in symbols)
        {
            var mine = candidates.Where(f => f.Symbol == symbol).ToList();
            var perp = mine.Where(f => f.Kind == CandleKind.Perp && f.Period is BarPeriod.M15 or BarPeriod.H1)
                .Select(f => (File: f, Start: FirstTime(f)))
                .Where(c => c.Start <= from)
                .OrderBy(c => c.File.Period)
                .ThenBy(c => c.Start)
                .Select(c => c.File)
                .FirstOrDefault();
            var chosen = new[]
            {
                mine.FirstOrDefault(f => f.Kind == CandleKind.Spot && f.Period == BarPeriod.H1),
                mine.FirstOrDefault(f => f.Kind == CandleKind.Funding),
                perp,
            };
            foreach (var file in chosen)
            {
                if (file is not null)
                {
                    yield return file;
                }
            }
        }
    }

    /// <summary>
    /// The candle and funding CSVs as the primary input (walk-forward over long spans, no tick captures): per symbol
    /// the 1h spot bars, the funding and one USD-M perp bar file, and the symbols' on-chain metrics and option chains
    /// (<see cref="ContextFiles"/>), merged on event time and kept in [from, to).
    /// The perp file is the finest (15m, else 1h) that reaches back to <paramref name="from"/>, else the one that
    /// starts earliest, so a symbol trades at one bar resolution for the whole run. Its bars are the prices the
    /// walk-forward simulation trades at (<see cref="HistoryInput.PerpBars"/>).
    /// </summary>
    public static HistoryInput OpenHistory(string directory, IReadOnlyList<string>? symbols, long from, long to)
    {
        if (!Directory.Exists(directory))
        {
            throw new InputException($"history directory '{directory}' does not exist.");
        }

        var files = CandleFile.Discover(directory);
        var available = files.Where(f => f.Kind == CandleKind.Perp).Select(f => f.Symbol).Distinct().Order(StringComparer.Ordinal).ToList();
        if (available.Count == 0)
        {
            throw new InputException(
                $"no perp candle CSVs under '{directory}': expected freqtrade files such as BTC_USDT_USDT-perp-1h.csv.gz.");
        }

        var chosen = symbols?.Distinct().Order(StringComparer.Ordinal).ToList() ?? available;
        var missing = chosen.Except(available).ToList();
        if (missing.Count > 0)
        {
            throw new InputException(
                $"symbol {string.Join(", ", missing)} has no perp candles in '{directory}' (available: {string.Join(", ", available)}).");
        }

        var readers = new List<IMarketEventSource>();
        var perpBars = new SortedDictionary<string, IReadOnlyList<Bar>>(StringComparer.Ordinal);
        var streams = new List<IEnumerable<MarketEvent>>();
        foreach (var symbol in chosen)
        {
            var mine = files.Where(f => f.Symbol == symbol).ToList();
            var perps = mine.Where(f => f.Kind == CandleKind.Perp && f.Period is BarPeriod.M15 or BarPeriod.H1)
                .Select(f => (File: f, Start: FirstTime(f)))
                .ToList();
            var perp = perps.Where(c => c.Start <= from).OrderBy(c => c.File.Period).ThenBy(c => c.Start).Select(c => c.File).FirstOrDefault()
                ?? perps.OrderBy(c => c.Start).Select(c => c.File).FirstOrDefault()
                ?? throw new InputException($"symbol {symbol} has no 15m or 1h perp candles in '{directory}'.");
            var perpReader = new CandleCsvReader(perp);
            readers.Add(perpReader);
            var bars = perpReader.OfType<Bar>().Where(b => b.TsEvent >= from && b.TsEvent < to).ToList();
            perpBars[symbol] = bars;
            streams.Add(bars);
            foreach (var file in new[]
                     {
                         mine.FirstOrDefault(f => f.Kind == CandleKind.Spot && f.Period == BarPeriod.H1),
                         mine.FirstOrDefault(f => f.Kind == CandleKind.Funding),
                     })
            {
                if (file is not null)
                {
                    var reader = new CandleCsvReader(file);
                    readers.Add(reader);
                    streams.Add(reader.Where(e => e.TsEvent >= from && e.TsEvent < to).ToList());
                }
            }
        }

        foreach (var (source, events) in ContextFiles(directory, chosen, from, to))
        {
            readers.Add(source);
            streams.Add(events.ToList());
        }

        return new HistoryInput(chosen, readers.Select(r => r.Name).ToList(), EventMerger.Merge(streams).ToList(), perpBars, RejectCounts.Sum(readers.Select(r => r.Rejects)));
    }

    /// <summary>
    /// The Coin Metrics on-chain files (<c>coinmetrics_&lt;asset&gt;_*</c>) and Deribit option-chain files
    /// (<c>deribit_&lt;currency&gt;_option_chain_*</c>) of these symbols below <paramref name="directory"/>, each with its
    /// events of these symbols in [from, to). Both are found by name, in any subdirectory, so a history directory holding
    /// other data (the whole shared data tree) adds nothing else. The per-event symbol check is for chain rows, whose
    /// symbol comes from their instrument, not from the file name.
    /// </summary>
    private static IEnumerable<(IMarketEventSource Source, IEnumerable<MarketEvent> Events)> ContextFiles(
        string directory, IReadOnlyCollection<string> symbols, long from, long to)
    {
        IEnumerable<IMarketEventSource> readers =
        [
            .. CoinMetricsCsvReader.Discover(directory).Where(r => symbols.Contains(r.Symbol!)),
            .. DeribitChainCsvReader.Discover(directory).Where(r => r.Symbol is { } symbol && symbols.Contains(symbol)),
        ];
        return readers.Select(r => (r, r.Where(e => e.TsEvent >= from && e.TsEvent < to && symbols.Contains(e.Symbol))));
    }

    /// <summary>
    /// Leaves out every event at or after the cut. A filter rather than a stop at the first such event: a capture
    /// is not strictly ordered on exchange time, and an earlier event after a later one must still arrive.
    /// </summary>
    private static IEnumerable<MarketEvent> Cut(IEnumerable<MarketEvent> events, long? cut) =>
        cut is { } bound ? events.Where(e => e.TsEvent < bound) : events;

    private static long FirstTime(CandleFile file) => new CandleCsvReader(file).FirstOrDefault()?.TsEvent ?? long.MaxValue;
}

/// <summary>
/// The candle/funding input of a walk-forward (<see cref="RecordedSources.OpenHistory"/>): every event in [from, to) in
/// event-time order, and per symbol the perp bars the simulation trades at (stamped at their close, as replayed).
/// </summary>
public sealed record HistoryInput(
    IReadOnlyList<string> Symbols,
    IReadOnlyList<string> Names,
    IReadOnlyList<MarketEvent> Events,
    IReadOnlyDictionary<string, IReadOnlyList<Bar>> PerpBars,
    SortedDictionary<string, long> Rejects);
