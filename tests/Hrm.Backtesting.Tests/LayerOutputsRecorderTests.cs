using Akka.TestKit.Xunit2;
using Hrm.Backtesting;
using Hrm.Protocol.Layers;

namespace Hrm.Backtesting.Tests;

public sealed class LayerOutputsRecorderTests : TestKit
{
    [Fact]
    public async Task Published_outputs_are_kept_once_per_tick_and_only_when_the_filter_wants_them()
    {
        var recorder = await LayerOutputsRecording.StartAsync(Sys, o => o.TsEvent >= 2);
        foreach (var (symbol, ts) in new[] { ("A", 1L), ("A", 2L), ("A", 3L), ("B", 2L), ("A", 2L), ("A", 3L), ("A", 4L) })
        {
            // ("A", 2) and ("A", 3) again: ticks regenerated after a recovery, not recorded twice.
            Sys.EventStream.Publish(new LayerOutputs(symbol, ts, 100, null, null, null));
        }

        var recorded = await LayerOutputsRecording.CollectAsync(recorder);

        Assert.Equal([2L, 3L, 4L], recorded["A"].Select(o => o.TsEvent));
        Assert.Equal([2L], recorded["B"].Select(o => o.TsEvent));
    }
}
