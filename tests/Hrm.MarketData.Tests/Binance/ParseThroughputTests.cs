using Xunit.Abstractions;

namespace Hrm.MarketData.Tests.Binance;

public class ParseThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void Reads_the_whole_2024_window_and_reports_events_per_second()
    {
        var files = Directory.GetFiles(TestData.Path2024, "*.gz");
        ParseThroughput.ReadAll(files); // warm-up (JIT, page cache)
        var (events, elapsed) = ParseThroughput.ReadAll(files);
        output.WriteLine($"{events} events in {elapsed.TotalMilliseconds:F0} ms = {events / elapsed.TotalSeconds:F0} events/s");
        Assert.Equal(524_626, events); // 524,627 lines but spot_ethusdt's first ticker, which precedes any exchange time
    }
}
