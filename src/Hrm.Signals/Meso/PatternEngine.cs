using Hrm.Protocol.Market;
using Hrm.Signals.Indicators;
using MessagePack;
using P = Hrm.Signals.Meso.MesoParameters;

namespace Hrm.Signals.Meso;

/// <summary>
/// The bar-derived pattern components at the last closed bar (order-flow weakness comes from micro, later), and the
/// continuous values behind them (keys 16–21, features only).
/// </summary>
[MessagePackObject]
public struct PatternComponents
{
    [Key(0)] public bool VolumeExpansion;
    [Key(1)] public bool RangeCompression;
    [Key(2)] public bool MomentumBuildup;
    [Key(3)] public bool LiquidationCluster;
    [Key(4)] public int BreakoutDirection;
    [Key(5)] public double BreakoutLevel;
    [Key(6)] public double BreakoutInvalidation;
    [Key(7)] public bool VolumeDivergence;
    [Key(8)] public bool MomentumDivergence;
    [Key(9)] public bool TimeDecay;
    [Key(10)] public int MoveDirection;
    [Key(11)] public double ExhaustionInvalidation;
    [Key(12)] public double Close;
    [Key(13)] public double Atr;
    [Key(14)] public double Rsi;
    [Key(15)] public long TsEvent;

    /// <summary>Volume of the bar / mean volume of the previous 20 bars (NaN when that mean is 0).</summary>
    [Key(16)] public double VolumeRatio;

    /// <summary>ATR / ATR five bars earlier − 1 (NaN when the earlier ATR is 0).</summary>
    [Key(17)] public double AtrSlope;

    /// <summary>Highest high and lowest low of the previous 20 bars (the breakout range; the bar itself excluded).</summary>
    [Key(18)] public double RangeHigh;

    [Key(19)] public double RangeLow;

    /// <summary>The trend EMA(20) after the bar.</summary>
    [Key(20)] public double TrendEma;

    /// <summary>True when keys 16–20 were computed (false in components saved before they existed).</summary>
    [Key(21)] public bool HasContinuous;

    [IgnoreMember]
    public readonly int BreakoutCount =>
        (VolumeExpansion ? 1 : 0) + (RangeCompression ? 1 : 0) + (MomentumBuildup ? 1 : 0) + (LiquidationCluster ? 1 : 0);

    /// <summary>Bar components of exhaustion (of 4; order-flow weakness is the fourth, judged from micro evidence).</summary>
    [IgnoreMember]
    public readonly int ExhaustionBarCount => (VolumeDivergence ? 1 : 0) + (MomentumDivergence ? 1 : 0) + (TimeDecay ? 1 : 0);

    /// <summary>(range high − close) / ATR: negative once the close broke above the range. NaN without an ATR.</summary>
    [IgnoreMember] public readonly double RangeHighDistanceAtr => PerAtr(RangeHigh - Close);

    /// <summary>(close − range low) / ATR: negative once the close broke below the range. NaN without an ATR.</summary>
    [IgnoreMember] public readonly double RangeLowDistanceAtr => PerAtr(Close - RangeLow);

    /// <summary>(close − range low) / (range high − range low): 0 at the low, 1 at the high, outside [0, 1] on a break. NaN on a flat range.</summary>
    [IgnoreMember]
    public readonly double RangePosition => HasContinuous && RangeHigh > RangeLow ? (Close - RangeLow) / (RangeHigh - RangeLow) : double.NaN;

    /// <summary>(close − EMA(20)) / ATR. NaN without an ATR.</summary>
    [IgnoreMember] public readonly double EmaDistanceAtr => PerAtr(Close - TrendEma);

    private readonly double PerAtr(double distance) => HasContinuous && Atr > 0 ? distance / Atr : double.NaN;
}

/// <summary>
/// Scores the seed's breakout and exhaustion components on one bar series (meso uses 5m bars). Forward-only: each
/// closed bar updates ATR(14), RSI(14), the trend EMA(20) and short histories, then re-evaluates the components.
/// <para>Breakout: volume expansion (volume &gt; 2 × mean of the previous 20 bars); range compression (ATR strictly
/// declining over the 5 bars before this one); momentum build-up (RSI coiling: the last 6 RSI values all in [40, 60]);
/// liquidation cluster (proxy: close within 0.25 % of a round number, step 10^(⌊log10 close⌋ − 1); no liquidation data
/// exists in our sources). Direction: +1/−1 if the close broke the previous 20 bars' high/low, else the side of the
/// range midpoint; level = that side's range bound; invalidation = level ∓ 1 ATR.</para>
/// <para>Exhaustion of the move over the last 5 bars (direction m = sign(C_t − C_{t−5})): volume divergence (mean
/// volume of the last 5 bars &lt; that of the 5 before); momentum divergence (a new 10-bar high with RSI below the
/// RSI at the previous high, mirrored for lows); time decay (the close has stayed on the move's side of EMA(20) for
/// more than 12 bars). Reversal direction −m; invalidation = the 10-bar extreme ± 0.25 ATR.</para>
/// </summary>
[MessagePackObject]
public sealed class PatternEngine
{
    private const int History = P.RangeBars + 1;

    [Key(0)] private Atr _atr = new(P.AtrPeriod);
    [Key(1)] private Rsi _rsi = new(P.RsiPeriod);
    [Key(2)] private Ema _trend = new(P.TrendEmaPeriod);
    [Key(3)] private RollingWindow<double> _volumes = new(History);
    [Key(4)] private RollingWindow<double> _highs = new(History);
    [Key(5)] private RollingWindow<double> _lows = new(History);
    [Key(6)] private RollingWindow<double> _closes = new(History);
    [Key(7)] private RollingWindow<double> _atrs = new(P.CompressionBars + 2);
    [Key(8)] private RollingWindow<double> _rsis = new(P.DivergenceLookback + 1);
    [Key(9)] private int _runSide;
    [Key(10)] private int _runLength;
    [Key(11)] private PatternComponents _last;
    [Key(12)] private long _bars;

    [IgnoreMember]
    public bool IsReady => _atr.IsReady && _rsi.IsReady && _trend.IsReady && _volumes.IsFull && _atrs.IsFull && _rsis.IsFull;

    [IgnoreMember] public PatternComponents Last => _last;
    [IgnoreMember] public long Bars => _bars;

    /// <summary>sign(close − EMA(20)) at the last bar, 0 until the EMA is ready.</summary>
    [IgnoreMember] public int TrendSide => _trend.IsReady ? _runSide : 0;

    public void Update(Bar bar)
    {
        _bars++;
        _atr.Update(bar.High, bar.Low, bar.Close);
        _rsi.Update(bar.Close);
        _trend.Update(bar.Close);
        _volumes.Add(bar.Volume);
        _highs.Add(bar.High);
        _lows.Add(bar.Low);
        _closes.Add(bar.Close);
        if (_atr.IsReady) _atrs.Add(_atr.Value);
        if (_rsi.IsReady) _rsis.Add(_rsi.Value);
        if (_trend.IsReady)
        {
            var side = Math.Sign(bar.Close - _trend.Value);
            if (side != 0 && side == _runSide) _runLength++;
            else
            {
                _runSide = side;
                _runLength = side == 0 ? 0 : 1;
            }
        }

        if (IsReady) _last = Evaluate(bar.TsEvent);
    }

    private PatternComponents Evaluate(long ts)
    {
        var c = new PatternComponents { Close = _closes[0], Atr = _atr.Value, Rsi = _rsi.Value, TsEvent = ts };
        var close = _closes[0];

        // breakout
        var prevVolume = 0.0;
        for (var i = 1; i <= P.VolumeAverageBars; i++) prevVolume += _volumes[i];
        prevVolume /= P.VolumeAverageBars;
        c.VolumeExpansion = _volumes[0] > P.VolumeExpansion * prevVolume;
        c.VolumeRatio = prevVolume > 0 ? _volumes[0] / prevVolume : double.NaN;
        c.AtrSlope = _atrs[P.AtrSlopeBars] > 0 ? _atrs[0] / _atrs[P.AtrSlopeBars] - 1 : double.NaN;
        c.TrendEma = _trend.Value;
        c.HasContinuous = true;

        c.RangeCompression = true;
        for (var i = 1; i <= P.CompressionBars; i++)
            if (!(_atrs[i] < _atrs[i + 1])) c.RangeCompression = false;

        c.MomentumBuildup = true;
        for (var i = 0; i < P.CoilBars; i++)
            if (_rsis[i] < P.CoilLow || _rsis[i] > P.CoilHigh) c.MomentumBuildup = false;

        var step = Math.Pow(10, Math.Floor(Math.Log10(close)) - 1);
        var nearest = Math.Round(close / step) * step;
        c.LiquidationCluster = Math.Abs(close - nearest) / close <= P.RoundNumberBand;

        double rangeHigh = double.MinValue, rangeLow = double.MaxValue;
        for (var i = 1; i <= P.RangeBars; i++)
        {
            rangeHigh = Math.Max(rangeHigh, _highs[i]);
            rangeLow = Math.Min(rangeLow, _lows[i]);
        }

        c.RangeHigh = rangeHigh;
        c.RangeLow = rangeLow;
        c.BreakoutDirection = close > rangeHigh ? 1 : close < rangeLow ? -1 : Math.Sign(close - (rangeHigh + rangeLow) / 2);
        c.BreakoutLevel = c.BreakoutDirection > 0 ? rangeHigh : c.BreakoutDirection < 0 ? rangeLow : close;
        c.BreakoutInvalidation = c.BreakoutLevel - c.BreakoutDirection * P.InvalidationAtr * _atr.Value;

        // exhaustion
        var m = Math.Sign(close - _closes[P.MoveBars]);
        c.MoveDirection = m;
        double recentVolume = 0, olderVolume = 0;
        for (var i = 0; i < P.MoveBars; i++)
        {
            recentVolume += _volumes[i];
            olderVolume += _volumes[i + P.MoveBars];
        }

        c.VolumeDivergence = m != 0 && recentVolume < olderVolume;

        // previous extreme among bars 1..10 and the RSI at it
        int prevAt = 1;
        for (var i = 2; i <= P.DivergenceLookback; i++)
        {
            if (m >= 0 ? _highs[i] > _highs[prevAt] : _lows[i] < _lows[prevAt]) prevAt = i;
        }

        c.MomentumDivergence = m > 0
            ? _highs[0] >= _highs[prevAt] && _rsis[0] < _rsis[prevAt]
            : m < 0 && _lows[0] <= _lows[prevAt] && _rsis[0] > _rsis[prevAt];

        c.TimeDecay = m != 0 && _runSide == m && _runLength > P.ExpectedMoveBars;

        double extreme = m >= 0 ? double.MinValue : double.MaxValue;
        for (var i = 0; i <= P.DivergenceLookback; i++)
            extreme = m >= 0 ? Math.Max(extreme, _highs[i]) : Math.Min(extreme, _lows[i]);
        c.ExhaustionInvalidation = m >= 0 ? extreme + P.ExhaustionBufferAtr * _atr.Value : extreme - P.ExhaustionBufferAtr * _atr.Value;
        return c;
    }
}
