using Hrm.MarketData.Binance;
using Hrm.MarketData.Replay;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using Hrm.Signals.Layers;
using Hrm.Signals.Micro;

namespace Hrm.Signals.Tests.Micro;

/// <summary>The new detectors reach MicroLayer.Output on the real 2024-08-09 BTC window (spot + USD-M + COIN-M).</summary>
public sealed class MicroLayerSignalsTests
{
    [Fact]
    public void Real_window_evidence_lists_the_new_signals_and_omits_what_is_unavailable()
    {
        var root = Path.Combine(RealData.DataRoot(), "micro", "binance_ws_hftbacktest", "2024-08-09_window");
        var captures = CaptureCatalog.Discover(root).Where(c => c.Instrument.StartsWith("btc", StringComparison.Ordinal)).ToList();
        var layer = new MicroLayer("BTCUSDT");
        MicroEvidence? evidence = null;
        long first = 0;
        foreach (var e in EventMerger.Merge(captures.Select(c => (IEnumerable<MarketEvent>)new BinanceCaptureReader(c)).ToList()))
        {
            if (first == 0) first = e.TsEvent;
            layer.Apply(e);
            if (e.TsEvent - first > 180 * MicroTestEvents.S)
            {
                evidence = Assert.IsType<MicroEvidence>(layer.Output(e.TsEvent));
                break;
            }
        }

        Assert.NotNull(evidence);
        var names = evidence.Signals.Select(s => s.Name).ToHashSet();
        foreach (var name in new[]
                 {
                     MicroParameters.BookImbalanceName, MicroParameters.IcebergName, MicroParameters.SpoofingName,
                     MicroParameters.SizeClusteringName, MicroParameters.ExchangeLagName, MicroParameters.QuoteStuffingName,
                 })
            Assert.Contains(name, names);

        // VPIN needs an hour of trades to size its buckets: unavailable on a 3-minute replay, so absent, not faked.
        Assert.DoesNotContain(MicroParameters.VpinName, names);
        // No venue sends L3 orders here: no L3 spoofing entry.
        Assert.DoesNotContain(MicroParameters.SpoofingName + "_l3", names);

        var lag = Assert.Single(evidence.Signals, s => s.Name == MicroParameters.ExchangeLagName);
        Assert.Equal(MicroSignalType.Latency, lag.Type);
        Assert.InRange(lag.Magnitude, 0, 1);
        Assert.InRange(lag.Confidence, 0, 1);
        Assert.True(lag.ExecutionEdgeBps >= 0);
        Assert.All(evidence.Signals, s => Assert.InRange(s.Direction, -1, 1));
    }
}
