using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Signals.Macro;

/// <summary>One option of a chain snapshot, as the analyzer keeps it.</summary>
[MessagePackObject]
public readonly record struct OptionPoint(
    [property: Key(0)] long Ts,
    [property: Key(1)] long Expiry,
    [property: Key(2)] double Strike,
    [property: Key(3)] bool IsCall,
    [property: Key(4)] double MarkIv,
    [property: Key(5)] double Delta,
    [property: Key(6)] double Gamma,
    [property: Key(7)] double OpenInterest,
    [property: Key(8)] double Underlying);

/// <summary>What one closed chain snapshot says.</summary>
/// <param name="At">The newest quote time of the snapshot.</param>
/// <param name="Spot">Reference price: the underlying of the nearest expiry.</param>
/// <param name="TotalGex">Dealer dollar gamma per 1 % move, summed over the chain (USD).</param>
/// <param name="Strikes">Strikes, ascending.</param>
/// <param name="GexByStrike">Dealer dollar gamma per strike (all expiries), aligned with <see cref="Strikes"/>.</param>
/// <param name="FlipLevel">Spot at which the re-priced total gamma changes sign nearest to <see cref="Spot"/> (NaN if none in ±50 %).</param>
/// <param name="Skew25">IV(25Δ put) − IV(25Δ call) in vol points on <see cref="SkewExpiry"/> (NaN if no expiry qualifies).</param>
[MessagePackObject]
public sealed record OptionsReading(
    [property: Key(0)] long At,
    [property: Key(1)] double Spot,
    [property: Key(2)] double TotalGex,
    [property: Key(3)] double[] Strikes,
    [property: Key(4)] double[] GexByStrike,
    [property: Key(5)] double FlipLevel,
    [property: Key(6)] double Skew25,
    [property: Key(7)] long SkewExpiry,
    [property: Key(8)] double Put25Iv,
    [property: Key(9)] double Call25Iv,
    [property: Key(10)] int Options);

/// <summary>
/// The seed's options flow: dealer gamma exposure by strike and the 25-delta skew regime, from Deribit chain snapshots
/// (<see cref="OptionQuote"/>). Quotes are collected into a snapshot; a quote more than 10 minutes after the previous one
/// (or <see cref="Advance"/> past that gap) closes it, and the closed snapshot is read. Live tickers arrive one
/// instrument at a time without such a gap, so a snapshot also closes once a quote comes more than 10 minutes after its
/// first, and within a snapshot an instrument's newer quote replaces its older one (a chain file quotes each instrument
/// once, within three minutes, so neither rule touches it):
/// <list type="bullet">
/// <item>GEX_i = sign_i × Γ_i × OI_i × m × S_i² × 0.01 (USD of delta change per 1 % move), m = 1 BTC per Deribit
/// contract, Γ and S the quote's own gamma and underlying (its expiry's forward). Sign: dealers <b>long calls, short puts</b>
/// (calls +, puts −), the convention of SqueezeMetrics' GEX paper and of the Deribit dashboards; a snapshot has no trade
/// side, so the customary positioning (clients overwrite calls and buy puts) is assumed, not observed.</item>
/// <item>Flip level: the chain re-priced at spots S' = S·(0.5 … 1.5) in 0.5 % steps with Black–Scholes gamma
/// (r = 0, each option's mark IV, forward scaled by S'/S); the sign change nearest to S, interpolated linearly.</item>
/// <item>25Δ skew: on the nearest expiry at least 24 h away with ≥ 3 calls and ≥ 3 puts whose deltas bracket +0.25 and
/// −0.25, the IV at exactly ±0.25 is interpolated linearly in delta between the two bracketing strikes;
/// skew = IV_put25 − IV_call25 (positive = puts richer). A sign change between consecutive snapshots is a flip:
/// + → − is <c>flip_up</c> (calls bid over puts), − → + is <c>flip_down</c>.</item>
/// </list>
/// Unavailable when the newest closed snapshot is older than 24 h (or none): symbols without options never speak.
/// </summary>
[MessagePackObject]
public sealed class OptionsFlow
{
    public static readonly long SnapshotGapNanos = 600L * 1_000_000_000;
    public static readonly long MaxAgeNanos = 24 * 3600L * 1_000_000_000;
    public static readonly long MinSkewExpiryNanos = 24 * 3600L * 1_000_000_000;
    public const int MinStrikesPerSide = 3;
    public const double ContractMultiplier = 1.0;
    public const double YearNanos = 365.0 * 86_400 * 1e9;

    [Key(0)] private List<OptionPoint> _pending = [];
    [Key(1)] private long _lastQuoteTs = long.MinValue;
    [Key(2)] private OptionsReading? _last;
    [Key(3)] private OptionsReading? _previous;
    [Key(4)] private long _snapshots;
    [Key(5)] private Dictionary<string, int> _pendingSlot = new(StringComparer.Ordinal);
    [Key(6)] private long _firstQuoteTs = long.MaxValue;

    [IgnoreMember] public OptionsReading? Last => _last;
    [IgnoreMember] public OptionsReading? Previous => _previous;
    [IgnoreMember] public long Snapshots => _snapshots;

    /// <summary>+1 flip up, −1 flip down, 0 none: sign change of the skew between the last two snapshots.</summary>
    [IgnoreMember]
    public int SkewFlip
    {
        get
        {
            if (_last is null || _previous is null || double.IsNaN(_last.Skew25) || double.IsNaN(_previous.Skew25)) return 0;
            var now = Math.Sign(_last.Skew25);
            var before = Math.Sign(_previous.Skew25);
            if (now == 0 || before == 0 || now == before) return 0;
            return now < 0 ? 1 : -1;
        }
    }

    public bool Available(long ts) => _last is not null && ts >= _last.At && ts - _last.At <= MaxAgeNanos;

    public void Update(OptionQuote quote)
    {
        Advance(quote.TsEvent);
        if (!double.IsFinite(quote.Gamma) || !double.IsFinite(quote.OpenInterest) || !double.IsFinite(quote.UnderlyingPrice) ||
            !double.IsFinite(quote.Delta) || !double.IsFinite(quote.MarkIv) || quote.UnderlyingPrice <= 0 || quote.Strike <= 0)
            return;
        var point = new OptionPoint(quote.TsEvent, quote.Expiry, quote.Strike, quote.IsCall, quote.MarkIv, quote.Delta,
            quote.Gamma, quote.OpenInterest, quote.UnderlyingPrice);
        if (_pendingSlot.TryGetValue(quote.Instrument, out var slot))
        {
            _pending[slot] = point;
        }
        else
        {
            _pendingSlot[quote.Instrument] = _pending.Count;
            _pending.Add(point);
        }

        _lastQuoteTs = Math.Max(_lastQuoteTs, quote.TsEvent);
        _firstQuoteTs = Math.Min(_firstQuoteTs, quote.TsEvent);
    }

    /// <summary>Closes the pending snapshot when <paramref name="ts"/> is more than the gap after its last quote or its first.</summary>
    public void Advance(long ts)
    {
        if (_pending.Count > 0 && (ts - _lastQuoteTs > SnapshotGapNanos || ts - _firstQuoteTs > SnapshotGapNanos)) Close();
    }

    /// <summary>Closes the pending snapshot now (end of a feed).</summary>
    public void Close()
    {
        if (_pending.Count == 0) return;
        _previous = _last;
        _last = Read(_pending, _lastQuoteTs);
        _pending = [];
        _pendingSlot.Clear();
        _firstQuoteTs = long.MaxValue;
        _snapshots++;
    }

    /// <summary>The reading of one snapshot (pure).</summary>
    public static OptionsReading Read(IReadOnlyList<OptionPoint> chain, long at)
    {
        var byStrike = new SortedDictionary<double, double>();
        var total = 0.0;
        foreach (var o in chain)
        {
            var gex = Gex(o);
            total += gex;
            byStrike[o.Strike] = byStrike.GetValueOrDefault(o.Strike) + gex;
        }

        var spot = ReferenceSpot(chain, at);
        var flip = FlipLevel(chain, at, spot);
        var skew = Skew25(chain, at);
        return new OptionsReading(at, spot, total, byStrike.Keys.ToArray(), byStrike.Values.ToArray(), flip, skew.Skew,
            skew.Expiry, skew.Put, skew.Call, chain.Count);
    }

    /// <summary>Dealer dollar gamma per 1 % move of one option: ±Γ × OI × m × S² × 0.01 (calls +, puts −).</summary>
    public static double Gex(OptionPoint o) =>
        (o.IsCall ? 1.0 : -1.0) * o.Gamma * o.OpenInterest * ContractMultiplier * o.Underlying * o.Underlying * 0.01;

    /// <summary>The underlying of the nearest unexpired expiry (the spot-like forward).</summary>
    public static double ReferenceSpot(IReadOnlyList<OptionPoint> chain, long at)
    {
        var best = long.MaxValue;
        var spot = double.NaN;
        foreach (var o in chain)
        {
            if (o.Expiry > at && o.Expiry < best)
            {
                best = o.Expiry;
                spot = o.Underlying;
            }
        }

        return spot;
    }

    /// <summary>Black–Scholes gamma (r = 0) of one unit of the underlying: φ(d1) / (F σ √T).</summary>
    public static double BlackScholesGamma(double forward, double strike, double sigma, double years)
    {
        if (forward <= 0 || strike <= 0 || sigma <= 0 || years <= 0) return 0.0;
        var sd = sigma * Math.Sqrt(years);
        var d1 = (Math.Log(forward / strike) + 0.5 * sd * sd) / sd;
        return Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2 * Math.PI) / (forward * sd);
    }

    /// <summary>Total dealer GEX with every option re-priced at reference spot <paramref name="spot"/> (forwards scaled).</summary>
    public static double TotalGexAt(IReadOnlyList<OptionPoint> chain, long at, double reference, double spot)
    {
        var total = 0.0;
        var scale = spot / reference;
        foreach (var o in chain)
        {
            var years = (o.Expiry - at) / YearNanos;
            var forward = o.Underlying * scale;
            var gamma = BlackScholesGamma(forward, o.Strike, o.MarkIv / 100.0, years);
            total += (o.IsCall ? 1.0 : -1.0) * gamma * o.OpenInterest * ContractMultiplier * forward * forward * 0.01;
        }

        return total;
    }

    /// <summary>The zero-gamma spot nearest to <paramref name="reference"/> on a ±50 % grid of 0.5 % steps; NaN if none.</summary>
    public static double FlipLevel(IReadOnlyList<OptionPoint> chain, long at, double reference)
    {
        if (!(reference > 0)) return double.NaN;
        const int steps = 100;
        double best = double.NaN, bestDistance = double.MaxValue;
        var prevSpot = reference * 0.5;
        var prevGex = TotalGexAt(chain, at, reference, prevSpot);
        for (var i = -steps + 1; i <= steps; i++)
        {
            var spot = reference * (1 + i * 0.005);
            var gex = TotalGexAt(chain, at, reference, spot);
            if (Math.Sign(gex) != Math.Sign(prevGex) && prevGex != 0 && gex != 0)
            {
                var level = prevSpot + (spot - prevSpot) * prevGex / (prevGex - gex);
                var distance = Math.Abs(level - reference);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = level;
                }
            }

            prevSpot = spot;
            prevGex = gex;
        }

        return best;
    }

    /// <summary>25Δ skew of the nearest qualifying expiry (see class remarks); NaN skew and expiry 0 if none qualifies.</summary>
    public static (double Skew, long Expiry, double Put, double Call) Skew25(IReadOnlyList<OptionPoint> chain, long at)
    {
        foreach (var expiry in chain.Select(o => o.Expiry).Where(e => e - at >= MinSkewExpiryNanos).Distinct().Order())
        {
            var calls = chain.Where(o => o.Expiry == expiry && o.IsCall).Select(o => (o.Delta, o.MarkIv)).ToList();
            var puts = chain.Where(o => o.Expiry == expiry && !o.IsCall).Select(o => (o.Delta, o.MarkIv)).ToList();
            if (calls.Count < MinStrikesPerSide || puts.Count < MinStrikesPerSide) continue;
            var call = IvAtDelta(calls, 0.25);
            var put = IvAtDelta(puts, -0.25);
            if (double.IsNaN(call) || double.IsNaN(put)) continue;
            return (put - call, expiry, put, call);
        }

        return (double.NaN, 0, double.NaN, double.NaN);
    }

    /// <summary>
    /// IV at <paramref name="target"/> delta, linear in delta between the nearest point at or below and the nearest at
    /// or above the target; NaN unless both exist.
    /// </summary>
    public static double IvAtDelta(IReadOnlyList<(double Delta, double Iv)> points, double target)
    {
        (double Delta, double Iv)? below = null, above = null;
        foreach (var p in points)
        {
            if (p.Delta <= target && (below is null || p.Delta > below.Value.Delta)) below = p;
            if (p.Delta >= target && (above is null || p.Delta < above.Value.Delta)) above = p;
        }

        if (below is null || above is null) return double.NaN;
        var (d0, v0) = below.Value;
        var (d1, v1) = above.Value;
        return d1 == d0 ? (v0 + v1) / 2 : v0 + (v1 - v0) * (target - d0) / (d1 - d0);
    }
}
