using System.IO.Compression;
using Hrm.MarketData.Bitstamp;
using Hrm.MarketData.OnChain;
using Hrm.MarketData.Options;
using Hrm.MarketData.Parsing;
using Hrm.MarketData.Replay;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Tests.Replay;

/// <summary>
/// What a replay opens besides the Binance captures and candles: Bitstamp L3 orders in the data directory, Coin Metrics
/// on-chain metrics and Deribit option chains in the history directory, each on its base asset's entity and, for the
/// history, only inside the history window.
/// </summary>
public sealed class RecordedSourcesTests
{
    private static readonly string BitstampDir = Path.Combine(TestData.Root, "micro", "bitstamp_l3_obanalytics_2015-05-01");

    private static readonly string OnChainDir = Path.Combine(TestData.Root, "onchain");

    private static long Ns(string utc) => DateTimeOffset.Parse(utc).ToUnixTimeMilliseconds() * Timestamps.NanosPerMilli;

    [Fact]
    public void Bitstamp_L3_orders_alone_open_as_the_BTCUSDT_entity()
    {
        var sources = RecordedSources.Open(new RecordedInput(BitstampDir));

        var events = sources.Events.ToList();
        Assert.Equal(["BTCUSDT"], sources.Symbols);
        Assert.Equal(["orders.csv.gz"], sources.Names);
        Assert.Equal(50414, events.Count);
        Assert.All(events, e => Assert.True(e is L3Order { Venue: Venue.Bitstamp, Symbol: "BTCUSDT" }));
        Assert.Empty(sources.Rejects());
    }

    [Fact]
    public void Bitstamp_L3_orders_beside_Binance_captures_join_the_same_entity()
    {
        var sources = RecordedSources.Open(new RecordedInput(Path.Combine(TestData.Root, "micro"), Symbols: ["BTCUSDT"]));

        Assert.Equal(["BTCUSDT"], sources.Symbols);
        Assert.Contains("binance_ws_hftbacktest/2024-08-09_window/usdm_btcusdt", sources.Names);
        Assert.Equal("orders.csv.gz", sources.Names[^1]);
        // 2015 comes before either Binance window: the merged stream starts with Bitstamp's first order.
        var first = Assert.IsType<L3Order>(sources.Events.First());
        Assert.Equal((Venue.Bitstamp, "BTCUSDT", 65595247L, 1430438404518_000_000L), (first.Venue, first.Symbol, first.OrderId, first.TsEvent));
    }

    [Fact]
    public void A_symbol_the_L3_data_does_not_hold_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => RecordedSources.Open(new RecordedInput(BitstampDir, Symbols: ["ETHUSDT"])));

        Assert.Contains("symbol ETHUSDT is not in the data (available: BTCUSDT)", error.Message);
    }

    [Fact]
    public void A_data_directory_with_neither_captures_nor_L3_orders_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => RecordedSources.Open(new RecordedInput(OnChainDir)));

        Assert.Contains("no readable data", error.Message);
        Assert.Contains("Bitstamp L3 orders", error.Message);
    }

    [Fact]
    public void Malformed_L3_rows_are_rejects_of_the_run_not_a_crash()
    {
        var dir = Directory.CreateTempSubdirectory("hrm-l3-bad-").FullName;
        var real = RealLines(Path.Combine(BitstampDir, "orders.csv.gz"), 21); // the header and the first 20 orders
        File.WriteAllLines(Path.Combine(dir, "orders.csv"),
        [
            .. real,
            real[20].Replace(",deleted,", ",moved,").Replace(",created,", ",moved,").Replace(",changed,", ",moved,"),
            real[20].Replace(",bid", ",up").Replace(",ask", ",up"),
            real[20][..real[20].LastIndexOf(',')],
        ]);
        var sources = RecordedSources.Open(new RecordedInput(dir));

        Assert.Equal(20, sources.Events.Count());
        Assert.Equal(
            new SortedDictionary<string, long> { [BitstampL3Reader.UnknownAction] = 1, [BitstampL3Reader.UnknownSide] = 1, [RejectReasons.MalformedRow] = 1 },
            sources.Rejects());
    }

    [Fact]
    public void The_warm_up_before_the_2023_window_delivers_Coin_Metrics_inflow_and_nothing_outside_it()
    {
        var sources = RecordedSources.Open(new RecordedInput(
            Path.Combine(TestData.Micro, "2023-04-05_window"), OnChainDir, TimeSpan.FromDays(120), ["BTCUSDT"]));

        // History comes first (it stops at the first tick), so the on-chain events are the stream's head.
        using var events = sources.Events.GetEnumerator();
        var history = new List<OnChainMetric>();
        while (events.MoveNext() && events.Current is OnChainMetric metric)
        {
            history.Add(metric);
        }

        var firstTick = events.Current.TsEvent;
        // The warm-up 2022-12-05 23:58 .. 2023-04-04 23:58 holds the days 2022-12-05 .. 2023-01-09 (the inflow file's last),
        // each stamped at its end: 36 days × CapMrktCurUSD and FlowInExUSD (awk over the file: all 36 non-empty). The
        // 2009-2019 file ends before the warm-up; ETH is not asked for.
        Assert.Equal(72, history.Count);
        Assert.Equal(36, history.Count(m => m.Metric == OnChainMetrics.ExchangeInflow));
        Assert.All(history, m => Assert.Equal(("BTCUSDT", Venue.OnChain), (m.Symbol, m.Venue)));
        Assert.Equal(Ns("2022-12-06T00:00:00Z"), history[0].TsEvent);
        Assert.Equal(Ns("2023-01-10T00:00:00Z"), history[^1].TsEvent);
        Assert.InRange(firstTick, Ns("2023-04-04T23:58:00Z"), Ns("2023-04-04T23:59:00Z"));
        Assert.Contains("coinmetrics_btc_2009-2019_minzhi123.csv.gz", sources.Names);
        Assert.Contains("coinmetrics_btc_subset_flowinex_2009-2023_siap.csv.gz", sources.Names);
        Assert.DoesNotContain("coinmetrics_eth_subset_flowinex_2015-2023_siap.csv.gz", sources.Names);
    }

    [Fact]
    public void History_over_the_whole_shared_data_adds_the_on_chain_and_option_files_to_the_same_candles()
    {
        long from = Ns("2020-05-10T00:00:00Z"), to = Ns("2020-05-25T00:00:00Z");

        var candlesOnly = RecordedSources.OpenHistory(Path.Combine(TestData.Root, "macro_meso"), ["BTCUSDT"], from, to);
        var all = RecordedSources.OpenHistory(TestData.Root, ["BTCUSDT"], from, to);

        Assert.Equal(
        [
            .. candlesOnly.Names,
            "coinmetrics_btc_2009-2019_minzhi123.csv.gz",
            "coinmetrics_btc_subset_flowinex_2009-2023_siap.csv.gz",
            "deribit_btc_option_chain_2020-05-14.csv.gz",
            "deribit_btc_option_chain_2020-05-21.csv.gz",
        ], all.Names);
        Assert.Equal(candlesOnly.Events, all.Events.Where(e => e is not OnChainMetric and not OptionQuote));
        // The days 2020-05-09 .. 05-23 (stamped 05-10 .. 05-24) × CapMrktCurUSD and FlowInExUSD; both chain snapshots
        // whole (310 and 326 options, DeribitChainCsvReaderTests).
        Assert.Equal(30, all.Events.Count(e => e is OnChainMetric { Symbol: "BTCUSDT" }));
        Assert.Equal(310 + 326, all.Events.Count(e => e is OptionQuote { Symbol: "BTCUSDT", Venue: Venue.Deribit }));
        Assert.All(all.Events, e => Assert.InRange(e.TsEvent, from, to - 1));
        Assert.Empty(all.Rejects);
    }

    [Fact]
    public void A_warm_up_from_the_whole_shared_data_picks_the_candles_of_macro_meso_and_no_context_file_outside_it()
    {
        var fromMacroMeso = RecordedSources.Open(new RecordedInput(TestData.Path2024, Path.Combine(TestData.Root, "macro_meso"), TimeSpan.FromDays(120)));
        var fromRoot = RecordedSources.Open(new RecordedInput(TestData.Path2024, TestData.Root, TimeSpan.FromDays(120)));

        // On-chain data ends 2023-01-09 and the option chains are of 2020: the BTC and ETH files are opened (their
        // rejects would count), none has an event in the 120 days before 2024-08-08 23:54.
        Assert.Equal(
        [
            .. fromMacroMeso.Names,
            "coinmetrics_btc_2009-2019_minzhi123.csv.gz",
            "coinmetrics_btc_subset_flowinex_2009-2023_siap.csv.gz",
            "coinmetrics_eth_subset_flowinex_2015-2023_siap.csv.gz",
            "deribit_btc_option_chain_2020-05-14.csv.gz",
            "deribit_btc_option_chain_2020-05-21.csv.gz",
        ], fromRoot.Names);
        Assert.DoesNotContain(fromRoot.Events, e => e is OnChainMetric or OptionQuote);
    }

    [Fact]
    public void ETH_history_gets_the_ETH_on_chain_file_and_no_BTC_option_chain()
    {
        long from = Ns("2020-05-10T00:00:00Z"), to = Ns("2020-05-25T00:00:00Z");

        var history = RecordedSources.OpenHistory(TestData.Root, ["ETHUSDT"], from, to);

        Assert.Contains("coinmetrics_eth_subset_flowinex_2015-2023_siap.csv.gz", history.Names);
        Assert.DoesNotContain(history.Names, n => n.StartsWith("deribit_", StringComparison.Ordinal) || n.Contains("_btc_"));
        Assert.Equal(30, history.Events.Count(e => e is OnChainMetric { Symbol: "ETHUSDT" }));
        Assert.DoesNotContain(history.Events, e => e is OptionQuote);
    }

    [Fact]
    public void Malformed_on_chain_and_option_rows_in_the_history_are_rejects_of_the_run_not_a_crash()
    {
        var dir = Directory.CreateTempSubdirectory("hrm-context-bad-").FullName;
        // Coin Metrics: the header and 2015-04-21 .. 04-30 of the real file (lines 2301 .. 2310), three rows broken.
        var minzhi = RealLines(Path.Combine(OnChainDir, "coinmetrics_btc_2009-2019_minzhi123.csv.gz"), 2310);
        var days = minzhi[2300..2310];
        days[1] = days[1].Replace(",0.", ",x.");     // a metric that is not a number
        days[4] = days[3];                           // a day repeated
        days[7] = days[7][..days[7].LastIndexOf(',')]; // a column short
        File.WriteAllLines(Path.Combine(dir, "coinmetrics_btc_bad.csv"), [minzhi[0], .. days]);
        // Deribit: the header and the first option of the 2020-05-14 chain, then that option with an unknown type.
        var chain = RealLines(Path.Combine(TestData.Root, "options", "deribit_btc_option_chain_2020-05-14.csv.gz"), 2);
        File.WriteAllLines(Path.Combine(dir, "deribit_btc_option_chain_bad.csv"), [.. chain, chain[1].Replace(",put,", ",straddle,")]);

        // Bitstamp's first order is at 2015-05-01 00:00:04.518: ten days of warm-up reach back to 2015-04-21.
        var sources = RecordedSources.Open(new RecordedInput(BitstampDir, dir, TimeSpan.FromDays(10)));
        var metrics = sources.Events.OfType<OnChainMetric>().ToList();

        Assert.Equal(7, metrics.Select(m => m.TsEvent).Distinct().Count());
        Assert.Equal(
            new SortedDictionary<string, long>
            {
                [RejectReasons.BadNumber] = 1,
                [CoinMetricsCsvReader.OutOfOrderRow] = 1,
                [RejectReasons.MalformedRow] = 1,
                [DeribitChainCsvReader.BadOptionType] = 1,
            },
            sources.Rejects());
    }

    private static string[] RealLines(string gzPath, int count)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(gzPath), CompressionMode.Decompress));
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            lines[i] = reader.ReadLine()!;
        }

        return lines;
    }
}
