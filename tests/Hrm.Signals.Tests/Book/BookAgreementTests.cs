using Hrm.MarketData.Binance;
using Hrm.Protocol.Market;
using Hrm.Signals.Book;
using Hrm.Testing;
using Xunit.Abstractions;

namespace Hrm.Signals.Tests.Book;

/// <summary>The book rebuilt from real diffs must agree with the exchange's real bookTicker stream.</summary>
public class BookAgreementTests(ITestOutputHelper output)
{
    public static TheoryData<string> SyncableCaptures() =>
    [
        "2024-08-09_window/cm_btcusd_perp",
        "2024-08-09_window/cm_ethusd_perp",
        "2024-08-09_window/spot_btcusdt",
        "2024-08-09_window/spot_ethusdt",
        "2024-08-09_window/usdm_btcusdt",
        "2024-08-09_window/usdm_ethusdt",
        "2023-04-05_window/usdm_btcusdt",
    ];

    private static readonly IReadOnlyList<Capture> Captures = CaptureCatalog.Discover(SharedData.Micro);

    [Theory]
    [MemberData(nameof(SyncableCaptures))]
    public void Rebuilt_book_agrees_with_book_ticker(string name)
    {
        var capture = Captures.Single(c => c.Name == name);
        var reader = new BinanceCaptureReader(capture);
        var report = BookTickerAgreement.Check(name, capture.Venue, reader);
        output.WriteLine($"{name}: snapshots={report.Snapshots} compared={report.Compared} agreed={report.Agreed} " +
            $"({report.AgreementPercent:F4}%) noTickerYet={report.NoTickerYet} gaps={report.Gaps} resyncs={report.Resyncs} " +
            $"droppedStale={report.DroppedStale} rejects={reader.Rejects}");
        foreach (var m in report.Mismatches)
            output.WriteLine($"  u={m.UpdateId} ticker={m.TickerId} book={Show(m.BookBid)}/{Show(m.BookAsk)} ticker={Show(m.TickerBid)}/{Show(m.TickerAsk)}");

        Assert.True(report.Syncable);
        Assert.True(report.Compared > 1000, $"only {report.Compared} updates compared");
        Assert.True(report.AgreementPercent >= 99.9, $"{report.AgreementPercent:F4}% agreement");
        // spot_ethusdt opens with a bookTicker before any message with an exchange time: the one reject.
        var expected = name.EndsWith("spot_ethusdt", StringComparison.Ordinal) ? 1 : 0;
        Assert.Equal(expected, reader.Rejects[Hrm.MarketData.Parsing.RejectReasons.NoExchangeTime]);
        Assert.Equal(expected, reader.Rejects.Total);
    }

    [Fact]
    public void Spot_2023_capture_has_no_snapshot_and_is_reported_unsyncable()
    {
        var capture = Captures.Single(c => c.Name == "2023-04-05_window/spot_btcusdt");
        var report = BookTickerAgreement.Check(capture.Name, capture.Venue, new BinanceCaptureReader(capture));
        Assert.False(report.Syncable);
        Assert.Equal(0, report.Compared);
    }

    private static string Show(PriceLevel l) => $"{Fixed.Format(l.Price)}x{Fixed.Format(l.Qty)}";
}
