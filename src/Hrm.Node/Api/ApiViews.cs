using Hrm.Protocol;
using Hrm.Protocol.Api;
using Hrm.Protocol.Commands;
using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;

namespace Hrm.Node.Api;

/// <summary>What an entity's <see cref="SymbolState"/> looks like in the API.</summary>
public static class ApiViews
{
    /// <summary>The one-line summary <c>GET /symbols</c> lists.</summary>
    public static SymbolSummary Summary(SymbolState state) => new(
        state.Status.Symbol, state.Status.Node, state.Status.FeedOffset, state.Status.SignalCount, state.Status.FeedEnded,
        Time(state.Status.LastTsEvent));

    /// <summary>Everything <c>GET /symbols/{symbol}</c> shows.</summary>
    public static SymbolView View(SymbolState state) => new(
        state.Status.Symbol,
        state.Status.Node,
        state.Attached,
        state.Feed is { } f
            ? new FeedView(f.SourceSymbol, f.DataDirectory, f.HistoryDirectory, f.WarmupDays, f.BatchSize,
                f.CandlesFrom is { } from ? Time(from) : null, f.CandlesTo is { } to ? Time(to) : null,
                f.LiveVenues?.Select(v => v.Name()).ToArray())
            : null,
        state.Leader,
        state.Status.FeedOffset,
        state.Status.SignalCount,
        Time(state.Status.LastTsEvent),
        state.Status.FeedEnded,
        state.Macro is { } m ? new RegimeView(m.Regime.Name(), m.Strength, m.Drivers, m.RiskBudget, m.TimeframeHours) : null,
        state.Meso is { } p
            ? new PatternView(p.Pattern, p.Direction, p.Probability, p.Completion, Level(p.Invalidation), [.. p.EntryZones.Select(Level)])
            : null,
        state.Micro?.Signals.Select(Micro).ToArray(),
        state.Micro is { } e ? new MicroFlowView(Time(e.TsEvent), e.AggressorRatio, e.OrderFlowImbalance, e.Exhaustion) : null,
        state.LastSignal is { } s ? SignalRow.From(s) : null,
        state.Gaps?.Select(g => new GapView(Time(g.FromTsEvent), EventTime.IsoUtc(g.ToTsEvent), g.Offset, g.Reason)).ToArray(),
        state.GapCount);

    /// <summary>Unix ns as ISO-8601 UTC with milliseconds; null before the first event.</summary>
    public static string? Time(long tsEvent) => tsEvent <= 0 ? null : EventTime.IsoUtc(tsEvent);

    private static MicroView Micro(MicroSignal m) =>
        new(m.Name, m.Type.Name(), m.Direction, m.Magnitude, m.Confidence, m.DurationSeconds, m.ExecutionEdgeBps);

    private static LevelView Level(PatternLevel level) => new(level.Price, level.Label);
}
