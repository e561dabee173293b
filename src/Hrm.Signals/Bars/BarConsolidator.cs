using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Signals.Bars;

/// <summary>A bar being built: open time, OHLCV, and whether it has data.</summary>
[MessagePackObject]
public struct WorkingBar
{
    [Key(0)] public bool Active;
    [Key(1)] public long OpenTime;
    [Key(2)] public double Open;
    [Key(3)] public double High;
    [Key(4)] public double Low;
    [Key(5)] public double Close;
    [Key(6)] public double Volume;
}

/// <summary>
/// Builds bars per venue on event time, LEAN-style: trades make 1m bars, and every closed bar rolls up the chain
/// 1m → 5m → 15m → 1h → 4h → 1d (<see cref="BarPeriods.Chain"/>). Read <see cref="Bar"/> events (e.g. 1h candles from a
/// history file) roll up into the periods above theirs; they are not re-emitted (the caller already has them).
/// <para>
/// A bar [open, open + period) closes when any event with TsEvent ≥ open + period arrives (or on <see cref="Flush"/>),
/// and is stamped TsEvent = TsInit = open + period. Periods without data produce no bar. Bars closed by one call are
/// appended in order of close time, and in increasing period order for the same close time.
/// </para>
/// <para>
/// Per venue and period, the first source seen owns the period: either consolidation from below or read bars of that
/// period. Bars of that period from the other source are dropped, so a venue fed both trades and 1h candles is never
/// counted twice in its 4h and 1d bars.
/// </para>
/// </summary>
[MessagePackObject]
public sealed class BarConsolidator
{
    private const byte SourceNone = 0;
    private const byte SourceDerived = 1;
    private const byte SourceRead = 2;

    private static readonly int Periods = BarPeriods.Chain.Length;
    private static readonly int Venues = VenueNames.Count;
    private static readonly long[] PeriodNanos = Array.ConvertAll(BarPeriods.Chain, p => p.Nanos());

    [Key(0)] private string _symbol = "";
    [Key(1)] private WorkingBar[] _slots = new WorkingBar[Venues * Periods]; // [venue * Periods + period index]
    [Key(2)] private byte[] _source = new byte[Venues * Periods];
    [Key(3)] private long _nextClose = long.MaxValue;

    [SerializationConstructor]
    public BarConsolidator()
    {
    }

    public BarConsolidator(string symbol) => _symbol = symbol;

    [IgnoreMember] public string Symbol => _symbol;

    /// <summary>Applies one event; appends the bars it closed to <paramref name="closed"/>.</summary>
    public void Apply(MarketEvent e, List<Bar> closed)
    {
        switch (e)
        {
            case TradeTick trade:
                CloseUpTo(trade.TsEvent, closed);
                Feed((int)trade.Venue, 0, Floor(trade.TsEvent, PeriodNanos[0]), Fixed.ToDouble(trade.Price),
                    Fixed.ToDouble(trade.Price), Fixed.ToDouble(trade.Price), Fixed.ToDouble(trade.Price),
                    Fixed.ToDouble(trade.Qty));
                return;
            case Bar bar:
                ApplyReadBar(bar, closed);
                return;
            default:
                if (e.TsEvent >= _nextClose) CloseUpTo(e.TsEvent, closed);
                return;
        }
    }

    /// <summary>Closes every bar whose end ≤ <paramref name="tsEvent"/>.</summary>
    public void Flush(long tsEvent, List<Bar> closed) => CloseUpTo(tsEvent, closed);

    /// <summary>
    /// A bar read from a file: emitted (then rolled up) when file bars own its period for the venue, i.e. no bars of
    /// that period were derived from finer data before; otherwise dropped, so no period is delivered twice.
    /// </summary>
    private void ApplyReadBar(Bar bar, List<Bar> closed)
    {
        var p = Array.IndexOf(BarPeriods.Chain, bar.Period);
        if (p < 0) return;
        var open = bar.OpenTime;
        CloseUpTo(open, closed);
        var index = (int)bar.Venue * Periods + p;
        if (_source[index] == SourceNone) _source[index] = SourceRead;
        if (_source[index] == SourceRead)
        {
            closed.Add(bar);
            if (p + 1 < Periods)
                Feed((int)bar.Venue, p + 1, Floor(open, PeriodNanos[p + 1]), bar.Open, bar.High, bar.Low, bar.Close,
                    bar.Volume);
        }

        CloseUpTo(bar.TsEvent, closed);
    }

    private void Feed(int venue, int p, long open, double o, double h, double l, double c, double v)
    {
        // A period fed from finer data is derived from then on: a file bar of that period arriving later is dropped.
        if (_source[venue * Periods + p] == SourceNone) _source[venue * Periods + p] = SourceDerived;
        ref var slot = ref _slots[venue * Periods + p];
        if (slot.Active)
        {
            if (open < slot.OpenTime) return; // late data for a bar already closed: dropped
            if (open == slot.OpenTime)
            {
                if (h > slot.High) slot.High = h;
                if (l < slot.Low) slot.Low = l;
                slot.Close = c;
                slot.Volume += v;
                return;
            }
        }

        slot.Active = true;
        slot.OpenTime = open;
        slot.Open = o;
        slot.High = h;
        slot.Low = l;
        slot.Close = c;
        slot.Volume = v;
        var end = open + PeriodNanos[p];
        if (end < _nextClose) _nextClose = end;
    }

    private void CloseUpTo(long ts, List<Bar> closed)
    {
        if (ts < _nextClose) return;
        for (var p = 0; p < Periods; p++)
        {
            for (var venue = 0; venue < Venues; venue++)
            {
                var index = venue * Periods + p;
                ref var slot = ref _slots[index];
                if (!slot.Active || slot.OpenTime + PeriodNanos[p] > ts) continue;
                slot.Active = false;
                if (_source[index] == SourceNone) _source[index] = SourceDerived;
                if (_source[index] != SourceDerived) continue; // read bars own this period
                var end = slot.OpenTime + PeriodNanos[p];
                closed.Add(new Bar
                {
                    Symbol = _symbol,
                    Venue = (Venue)venue,
                    TsEvent = end,
                    TsInit = end,
                    Period = BarPeriods.Chain[p],
                    Open = slot.Open,
                    High = slot.High,
                    Low = slot.Low,
                    Close = slot.Close,
                    Volume = slot.Volume,
                });
                if (p + 1 < Periods)
                    Feed(venue, p + 1, Floor(slot.OpenTime, PeriodNanos[p + 1]), slot.Open, slot.High, slot.Low,
                        slot.Close, slot.Volume);
            }
        }

        _nextClose = long.MaxValue;
        for (var i = 0; i < _slots.Length; i++)
        {
            if (!_slots[i].Active) continue;
            var end = _slots[i].OpenTime + PeriodNanos[i % Periods];
            if (end < _nextClose) _nextClose = end;
        }
    }

    private static long Floor(long ts, long period)
    {
        var r = ts % period;
        if (r < 0) r += period;
        return ts - r;
    }
}
