using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Signals.Micro;

/// <summary>One venue pair's lead–lag at a time.</summary>
/// <param name="PeakLag">k* = argmax ρ(k): &gt; 0 venue A leads B by k* steps; &lt; 0 B leads A; 0 within one step.</param>
/// <param name="LeadLagRatio">Huth–Abergel LLR on positive parts, Σ_{k=1..L} ρ⁺(k)² / Σ_{k=1..L} ρ⁺(−k)²: &gt; 1 A leads, &lt; 1 B leads.</param>
public readonly record struct LeadLagPair(int A, int B, int PeakLag, double PeakCorrelation, double ZeroLagCorrelation, double LeadLagRatio);

/// <summary>The cross-venue verdict: who leads, whom, by how many steps, and the moves since.</summary>
public readonly record struct LeadLagReading(
    int Leader, int Follower, int LagSteps, double Correlation, double LeaderMove, double FollowerMove, double Weight)
{
    public bool HasLeader => Leader >= 0;
}

/// <summary>
/// Exchange lag: lead–lag of mid returns across up to three venues of one asset (slots 0 = Binance spot, 1 = USD-M,
/// 2 = COIN-M). Mids (from each venue's best bid/offer) are sampled on an event-time grid of <c>step</c> (100 ms):
/// the mid at grid time g is the last mid with TsEvent ≤ g, and r_v(g) = ln(mid_v(g)/mid_v(g − step)) (0 while a
/// venue has no mid). For every pair (a, b) and lag k ∈ [−L, L] the detector keeps exponentially weighted sums
/// C_ab(k) = Σ r_a(g − k)·r_b(g) for k ≥ 0 and Σ r_a(g)·r_b(g − |k|) for k &lt; 0, and S_v = Σ r_v(g)², all with
/// the same weights (decay λ per step, half-life <c>halfLifeSteps</c>). Correlation ρ_ab(k) = C_ab(k)/√(S_a S_b).
/// k* = argmax ρ: k* &gt; 0 means a's moves show up in b k*·step later (a leads). When the peak sits at k = 0 (the
/// lead is shorter than one step, as on the 2024 captures) the direction of the lead is read from the asymmetry of
/// the cross-correlation, the lead–lag ratio of Huth &amp; Abergel (2014) on positive parts:
/// LLR = Σ_k max(ρ(k), 0)² / Σ_k max(ρ(−k), 0)², k = 1..L (a negative lagged correlation is reversal, not leadership).
/// <para>
/// Per event O(1); per grid step O(pairs × (2L + 1)) = 63 multiply-adds for 3 venues and L = 10; a gap longer than L + 2
/// steps costs L + 2 steps and one power (only zero returns would follow, which add nothing but decay).
/// </para>
/// </summary>
[MessagePackObject]
public sealed class ExchangeLag
{
    public const int Slots = 3;
    private static readonly (int A, int B)[] Pairs = [(0, 1), (0, 2), (1, 2)];

    [Key(0)] private long _step;
    [Key(1)] private int _maxLag;
    [Key(2)] private double _decay;
    [Key(3)] private double[] _lastMid = new double[Slots];
    [Key(4)] private double[] _gridMid = new double[Slots];
    [Key(5)] private double[] _returns; // ring per slot: slot·(L+1) + position
    [Key(6)] private int _newest;       // ring position of the newest grid step
    [Key(7)] private double[] _cross;   // pair·(2L+1) + (k + L)
    [Key(8)] private double[] _square = new double[Slots];
    [Key(9)] private long _nextGrid;
    [Key(10)] private double _weight;
    [Key(11)] private long _steps;
    [Key(12)] private long[] _lastTs = new long[Slots];

    [SerializationConstructor]
    public ExchangeLag() : this(MicroParameters.LeadLagStepNanos, MicroParameters.LeadLagMaxLagSteps, MicroParameters.LeadLagHalfLifeSteps)
    {
    }

    public ExchangeLag(long stepNanos, int maxLagSteps, double halfLifeSteps)
    {
        if (stepNanos <= 0 || maxLagSteps < 1 || halfLifeSteps <= 0) throw new ArgumentOutOfRangeException(nameof(stepNanos));
        _step = stepNanos;
        _maxLag = maxLagSteps;
        _decay = Math.Pow(0.5, 1 / halfLifeSteps);
        _returns = new double[Slots * (maxLagSteps + 1)];
        _cross = new double[Pairs.Length * (2 * maxLagSteps + 1)];
        Array.Fill(_lastMid, double.NaN);
        Array.Fill(_gridMid, double.NaN);
    }

    [IgnoreMember] public long StepNanos => _step;
    [IgnoreMember] public int MaxLagSteps => _maxLag;

    /// <summary>Grid steps closed so far.</summary>
    [IgnoreMember] public long Steps => _steps;

    /// <summary>The slot of a venue, −1 for venues outside the lead–lag set.</summary>
    public static int SlotOf(Venue venue) => venue switch
    {
        Venue.BinanceSpot => 0,
        Venue.BinanceUsdm => 1,
        Venue.BinanceCoinm => 2,
        _ => -1,
    };

    /// <summary>Event time of the newest mid of a slot (0 before any).</summary>
    public long LastTs(int slot) => _lastTs[slot];

    /// <summary>Takes a venue's mid at event time <paramref name="ts"/>; closes the grid steps that ended before it.</summary>
    public void Update(int slot, long ts, double mid)
    {
        if (slot < 0 || !(mid > 0)) return;
        Advance(ts);
        _lastMid[slot] = mid;
        _lastTs[slot] = Math.Max(_lastTs[slot], ts);
    }

    /// <summary>Closes every grid point g &lt; ts; a mid stamped exactly g is part of g's sample (it closes later).</summary>
    private void Advance(long ts)
    {
        if (_nextGrid == 0)
        {
            _nextGrid = ts - ((ts % _step) + _step) % _step + _step;
            return;
        }

        var closed = 0;
        while (ts > _nextGrid)
        {
            if (closed == _maxLag + 2)
            {
                // Beyond this only zero returns would be pushed: decay in one go and jump.
                var skip = (ts - _nextGrid + _step - 1) / _step;
                Scale(Math.Pow(_decay, skip));
                for (var s = 0; s < Slots; s++)
                    for (var i = 0; i <= _maxLag; i++)
                        _returns[s * (_maxLag + 1) + i] = 0;
                _nextGrid += skip * _step;
                _steps += skip;
                break;
            }

            CloseGrid();
            _nextGrid += _step;
            closed++;
        }
    }

    private void CloseGrid()
    {
        var width = _maxLag + 1;
        _newest = (_newest + 1) % width;
        for (var s = 0; s < Slots; s++)
        {
            var r = _lastMid[s] > 0 && _gridMid[s] > 0 ? Math.Log(_lastMid[s] / _gridMid[s]) : 0.0;
            _gridMid[s] = _lastMid[s];
            _returns[s * width + _newest] = r;
        }

        Scale(_decay);
        _weight += 1;
        _steps++;
        for (var s = 0; s < Slots; s++)
        {
            var r = _returns[s * width + _newest];
            _square[s] += r * r;
        }

        var lags = 2 * _maxLag + 1;
        for (var p = 0; p < Pairs.Length; p++)
        {
            var (a, b) = Pairs[p];
            var ra = _returns[a * width + _newest];
            var rb = _returns[b * width + _newest];
            var row = p * lags + _maxLag;
            _cross[row] += ra * rb;
            for (var k = 1; k <= _maxLag; k++)
            {
                var back = (_newest - k + width) % width;
                _cross[row + k] += _returns[a * width + back] * rb;  // a(g − k)·b(g): a leads by k
                _cross[row - k] += ra * _returns[b * width + back]; // a(g)·b(g − k): b leads by k
            }
        }
    }

    private void Scale(double f)
    {
        for (var i = 0; i < _cross.Length; i++) _cross[i] *= f;
        for (var s = 0; s < Slots; s++) _square[s] *= f;
        _weight *= f;
    }

    /// <summary>ρ_ab(k) for a pair of slots (a &lt; b); NaN without variance.</summary>
    public double Correlation(int a, int b, int k)
    {
        var p = PairIndex(a, b);
        var norm = Math.Sqrt(_square[a] * _square[b]);
        return norm > 0 ? _cross[p * (2 * _maxLag + 1) + _maxLag + k] / norm : double.NaN;
    }

    /// <summary>The peak of ρ_ab over k ∈ [−L, L] (the smallest |k| wins a tie); null without variance on either side.</summary>
    public LeadLagPair? Pair(int a, int b)
    {
        if (!(_square[a] > 0 && _square[b] > 0)) return null;
        var best = 0;
        var bestRho = Correlation(a, b, 0);
        for (var k = 1; k <= _maxLag; k++)
        {
            foreach (var signed in (ReadOnlySpan<int>)[k, -k])
            {
                var rho = Correlation(a, b, signed);
                if (rho > bestRho)
                {
                    bestRho = rho;
                    best = signed;
                }
            }
        }

        double ahead = 0, behind = 0;
        for (var k = 1; k <= _maxLag; k++)
        {
            var up = Math.Max(0, Correlation(a, b, k));
            var down = Math.Max(0, Correlation(a, b, -k));
            ahead += up * up;
            behind += down * down;
        }

        var ratio = behind > 0 ? ahead / behind : double.PositiveInfinity;
        return new LeadLagPair(a, b, best, bestRho, Correlation(a, b, 0), ratio);
    }

    /// <summary>
    /// The leader: the slot that leads every other slot with data, a leading b meaning LLR_ab ≥ <paramref name="minRatio"/>
    /// (b leads when LLR ≤ 1/minRatio; in between, neither). Lag to a follower = |k*| when the peak lies on the leader's
    /// side, else 0 (the lead is shorter than one step). Follower = <paramref name="preferredFollower"/> when led, else
    /// the led slot with the longest lag. Moves = the sums of the last max(1, lag) returns of leader and follower (log):
    /// what the leader did that the follower should still show. Pure read.
    /// </summary>
    public LeadLagReading At(int preferredFollower = -1, double minRatio = MicroParameters.LeadLagMinRatio)
    {
        Span<int> leads = stackalloc int[Slots];
        Span<bool> led = stackalloc bool[Slots * Slots];
        Span<int> lagTo = stackalloc int[Slots * Slots];
        Span<double> rhoTo = stackalloc double[Slots * Slots];
        Span<int> pairsWith = stackalloc int[Slots];
        foreach (var (a, b) in Pairs)
        {
            if (Pair(a, b) is not { } pair) continue;
            pairsWith[a]++;
            pairsWith[b]++;
            if (pair.LeadLagRatio >= minRatio)
            {
                leads[a]++;
                led[a * Slots + b] = true;
                lagTo[a * Slots + b] = Math.Max(pair.PeakLag, 0);
                rhoTo[a * Slots + b] = pair.PeakCorrelation;
            }
            else if (pair.LeadLagRatio <= 1 / minRatio)
            {
                leads[b]++;
                led[b * Slots + a] = true;
                lagTo[b * Slots + a] = Math.Max(-pair.PeakLag, 0);
                rhoTo[b * Slots + a] = pair.PeakCorrelation;
            }
        }

        var leader = -1;
        for (var s = 0; s < Slots; s++)
            if (pairsWith[s] > 0 && leads[s] == pairsWith[s]) leader = s;
        if (leader < 0) return new LeadLagReading(-1, -1, 0, double.NaN, 0, 0, _weight);

        var follower = -1;
        if (preferredFollower >= 0 && preferredFollower != leader && led[leader * Slots + preferredFollower])
            follower = preferredFollower;
        else
            for (var s = 0; s < Slots; s++)
                if (led[leader * Slots + s] && (follower < 0 || lagTo[leader * Slots + s] > lagTo[leader * Slots + follower]))
                    follower = s;

        var lag = lagTo[leader * Slots + follower];
        var window = Math.Max(1, lag);
        return new LeadLagReading(leader, follower, lag, rhoTo[leader * Slots + follower],
            RecentMove(leader, window), RecentMove(follower, window), _weight);
    }

    /// <summary>Sum of a slot's last <paramref name="steps"/> grid returns (log move over that time).</summary>
    public double RecentMove(int slot, int steps)
    {
        var width = _maxLag + 1;
        double sum = 0;
        for (var i = 0; i < Math.Min(steps, width); i++) sum += _returns[slot * width + (_newest - i + width) % width];
        return sum;
    }

    private static int PairIndex(int a, int b) => (a, b) switch
    {
        (0, 1) => 0,
        (0, 2) => 1,
        (1, 2) => 2,
        _ => throw new ArgumentException("pairs are (0,1), (0,2), (1,2)"),
    };
}
