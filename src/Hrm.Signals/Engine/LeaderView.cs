using Hrm.Protocol.Layers;
using MessagePack;

namespace Hrm.Signals.Engine;

/// <summary>
/// Cross-asset context (the seed's "BTC patterns inform ALT movements") from both sides: as a leader, the symbol's own
/// macro changes kept for its followers; as a follower, what its leader said and up to when that is final. Pure and
/// snapshot-able; the entity moves the <see cref="LeaderContext"/>s.
/// </summary>
[MessagePackObject]
public sealed class LeaderView
{
    /// <summary>How many macro changes are kept for followers that ask (older ones are dropped).</summary>
    public const int KeptMacroChanges = 10_000;

    [Key(0)] private List<LeaderMacro> _macroChanges = [];
    [Key(1)] private string? _leader;
    [Key(2)] private long _watermark = long.MinValue;
    [Key(3)] private List<LeaderMacro> _pending = [];
    [Key(4)] private MacroSignal? _current;

    /// <summary>The symbol whose macro context this one follows, if any.</summary>
    [IgnoreMember] public string? Leader => _leader;

    /// <summary>Up to where the leader's view is known (see <see cref="LeaderContext.Watermark"/>).</summary>
    [IgnoreMember] public long Watermark => _watermark;

    /// <summary>The leader's macro view the last decision used (null before the first one arrived).</summary>
    [IgnoreMember] public MacroSignal? Current => _current;

    public void Follow(string leader) => _leader = leader;

    /// <summary>True when a tick ending at <paramref name="tickEnd"/> may close: no leader, or its view up to then is final.</summary>
    public bool Ready(long tickEnd) => _leader is null || _watermark >= tickEnd;

    /// <summary>
    /// Takes a leader context if it continues what is known (its changes cover everything after our watermark);
    /// returns false on a gap (a context was missed: ask the leader for what follows <see cref="Watermark"/>).
    /// </summary>
    public bool Accept(LeaderContext context)
    {
        if (context.Leader != _leader || context.Watermark <= _watermark)
        {
            return true;
        }

        if (context.Since > _watermark)
        {
            return false;
        }

        var known = _pending.Count > 0 ? _pending[^1].TsEvent : _watermark;
        _pending.AddRange(context.Changes.Where(c => c.TsEvent > known));
        _watermark = context.Watermark;
        return true;
    }

    /// <summary>The leader's view as of <paramref name="tsEvent"/> without moving to it (the recorded layer outputs).</summary>
    public MacroSignal? At(long tsEvent) => _pending.LastOrDefault(c => c.TsEvent <= tsEvent)?.Macro ?? _current;

    /// <summary>Moves the view the decisions use to the leader's last change at or before <paramref name="tsEvent"/>.</summary>
    public MacroSignal? AdvanceTo(long tsEvent)
    {
        while (_pending.Count > 0 && _pending[0].TsEvent <= tsEvent)
        {
            _current = _pending[0].Macro;
            _pending.RemoveAt(0);
        }

        return _current;
    }

    /// <summary>Keeps a change of this symbol's own macro view, stamped with the end of its tick, for followers.</summary>
    public void Record(long tsEvent, MacroSignal macro)
    {
        _macroChanges.Add(new LeaderMacro(tsEvent, macro));
        if (_macroChanges.Count > KeptMacroChanges)
        {
            _macroChanges.RemoveRange(0, _macroChanges.Count - KeptMacroChanges);
        }
    }

    /// <summary>This symbol's view as a leader: its macro changes after <paramref name="since"/>, with <paramref name="watermark"/>.</summary>
    public LeaderContext ContextSince(string symbol, long since, long watermark)
    {
        // The changes are in time order: only the tail after `since` is read (this runs after every batch).
        var first = _macroChanges.Count;
        while (first > 0 && _macroChanges[first - 1].TsEvent > since)
        {
            first--;
        }

        return new(symbol, watermark, since, [.. _macroChanges.Skip(first)]);
    }
}
