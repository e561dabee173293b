using System.Runtime.InteropServices;
using Hrm.Protocol;
using Hrm.Signals.Numerics;

namespace Hrm.Signals.Evaluation.Metrics;

/// <summary>Micro's calls judged on the book mids after them: flow toxicity, execution alpha, latency.</summary>
public static class MicroJudge
{
    /// <summary>
    /// Micro metrics over calls whose duration ends inside the data (mid P(x) = the last price at or before x):
    /// flow_toxicity_score = Spearman(toxicity, |P(t+d)/P(t) − 1|) over calls with a finite toxicity;
    /// execution_alpha_bps = mean of direction · (P(t+d)/P(t) − 1) · 10⁴ over calls with a direction;
    /// signal_latency_ms = median time to the first price in (t, t+d] with direction · (P/P(t) − 1) · 10⁴ ≥
    /// <paramref name="latencyBps"/>, over the calls that got there (latency_hit_rate = that share).
    /// </summary>
    public static MicroResult Micro(IReadOnlyList<MicroCall> calls, IReadOnlyList<PricePoint> mids, double latencyBps = 2) =>
        Micro([(calls, mids)], latencyBps);

    /// <summary>
    /// <see cref="Micro(IReadOnlyList{MicroCall}, IReadOnlyList{PricePoint}, double)"/> pooled over several series
    /// (symbols, captures): each call is judged on its own series' mids, then every statistic is taken over all calls.
    /// </summary>
    public static MicroResult Micro(IReadOnlyList<(IReadOnlyList<MicroCall> Calls, IReadOnlyList<PricePoint> Mids)> series, double latencyBps = 2)
    {
        var tox = new List<double>();
        var absMove = new List<double>();
        var alpha = new List<double>();
        var latencies = new List<double>();
        int directional = 0, judged = 0;
        foreach (var (calls, mids) in series)
        {
            PriceWindows.RequireSorted(mids);
            foreach (var c in calls)
            {
                var a = PriceWindows.IndexAtOrBefore(mids, c.TsEvent);
                var end = c.TsEvent + c.DurationSeconds * EventTime.NanosPerSecond;
                if (a < 0 || mids.Count == 0 || end > mids[^1].TsEvent)
                {
                    continue;
                }

                judged++;
                var p0 = mids[a].Price;
                var move = mids[PriceWindows.IndexAtOrBefore(mids, end)].Price / p0 - 1;
                if (double.IsFinite(c.Toxicity))
                {
                    tox.Add(c.Toxicity);
                    absMove.Add(Math.Abs(move));
                }

                if (c.Direction == 0)
                {
                    continue;
                }

                var dir = Math.Sign(c.Direction);
                directional++;
                alpha.Add(dir * move * 1e4);
                for (var i = a + 1; i < mids.Count && mids[i].TsEvent <= end; i++)
                {
                    if (mids[i].TsEvent > c.TsEvent && dir * (mids[i].Price / p0 - 1) * 1e4 >= latencyBps - 1e-9)
                    {
                        latencies.Add((mids[i].TsEvent - c.TsEvent) / 1e6);
                        break;
                    }
                }
            }
        }

        return new MicroResult(
            Stats.Spearman(tox, absMove),
            Stats.Mean(CollectionsMarshal.AsSpan(alpha)),
            Stats.Median(CollectionsMarshal.AsSpan(latencies)),
            directional == 0 ? null : (double)latencies.Count / directional,
            judged);
    }
}
