using Hrm.Protocol;
namespace Hrm.Signals.Evaluation.Trading;

/// <summary>Why a trade (or the part of a position it stands for) was closed.</summary>
public static class ExitReasons
{
    /// <summary>A later target changed the position (flip, flat, or a smaller size: the difference is closed).</summary>
    public const string Target = "target";

    /// <summary>The holding time passed: closed at the first price at or after entry + holding.</summary>
    public const string Holding = "holding";

    public const string Stop = "stop";
    public const string TakeProfit = "take_profit";

    /// <summary>The data ended: closed at the last close.</summary>
    public const string End = "end";
}

/// <summary>
/// Replays position targets against prices on event time (docs/EVALUATION.md, "Trading simulation"). Pure and
/// deterministic. A target stamped t executes at the open of the first bar with <c>TsEvent &gt; t</c>; several
/// targets before the same bar collapse into the latest. Fills pay the half-spread (else <see cref="CostModel.SlippageBps"/>)
/// against the trader and <see cref="CostModel.FeeBps"/> of the traded notional per side. A perpetual's open lots pay
/// funding at every settlement they are held through (EntryTs &lt; settlement ≤ ExitTs): position × (P / entry) × rate,
/// P the first price at or after the settlement. Positions are fractions of a capital of 1 that is never rebalanced:
/// P&amp;L adds up (equity = 1 + Σ returns, not compounded).
/// </summary>
public static class TradeSimulator
{

    /// <summary>Position changes smaller than this are no trade.</summary>
    public const double Epsilon = 1e-12;

    public static StrategyResult Run(string name, IReadOnlyList<PricePoint> prices, IReadOnlyList<PositionTarget> targets,
        CostModel costs, IReadOnlyList<FundingSettlement>? funding = null) => Run(name, PriceBar.From(prices), targets, costs, funding);

    /// <param name="funding">The perpetual's funding settlements in time order; none for a spot instrument.</param>
    public static StrategyResult Run(string name, IReadOnlyList<PriceBar> bars, IReadOnlyList<PositionTarget> targets,
        CostModel costs, IReadOnlyList<FundingSettlement>? funding = null)
    {
        Validate(bars, targets);
        var run = new Simulation(costs);
        var next = 0;
        var settlement = 0;
        funding ??= [];
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];

            // 0. settlements since the last bar, paid by the lots held through them at this bar's open
            while (settlement < funding.Count && funding[settlement].TsEvent <= bar.TsEvent)
            {
                if (i > 0 && funding[settlement].TsEvent > bars[i - 1].TsEvent) run.Settle(funding[settlement].Rate, bar.Open);
                settlement++;
            }

            // 1. targets stamped strictly before this bar: only the latest counts, filled at the open
            PositionTarget? due = null;
            while (next < targets.Count && targets[next].TsEvent < bar.TsEvent) due = targets[next++];
            if (due is { } target) run.Apply(target, bar);

            // 2. holding time passed: out at the open
            if (run.HoldingDue(bar.TsEvent)) run.CloseAll(bar, bar.Open, ExitReasons.Holding);

            // 3. stop or take profit touched inside the bar (stop first when both are)
            run.CheckLevels(bar);

            // 4. the data ends: out at the last close
            if (i == bars.Count - 1 && run.IsOpen) run.CloseAll(bar, bar.Close, ExitReasons.End);

            run.Mark(bar);
        }

        return new StrategyResult(name, run.Trades, run.Equity);
    }

    private static void Validate(IReadOnlyList<PriceBar> bars, IReadOnlyList<PositionTarget> targets)
    {
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            if (i > 0 && b.TsEvent < bars[i - 1].TsEvent)
                throw new ArgumentException($"prices out of order at {i}: {b.TsEvent} < {bars[i - 1].TsEvent}", nameof(bars));
            if (!(b.Open > 0 && b.High > 0 && b.Low > 0 && b.Close > 0) || b.Low > b.High || b.Open > b.High
                || b.Open < b.Low || b.Close > b.High || b.Close < b.Low)
                throw new ArgumentException($"bad bar at {i}: {b}", nameof(bars));
        }

        for (var i = 0; i < targets.Count; i++)
        {
            if (i > 0 && targets[i].TsEvent < targets[i - 1].TsEvent)
                throw new ArgumentException($"targets out of order at {i}", nameof(targets));
            if (!double.IsFinite(targets[i].Position))
                throw new ArgumentException($"target {i} has no position", nameof(targets));
        }
    }

    /// <summary>One slice of the position, opened by one target at one fill. Units = Position / EntryMid.</summary>
    private sealed record Lot(long EntryTs, double Position, double EntryMid, double EntryFill, double EntryCosts,
        double EntryFees, string Regime, double Probability, double Funding = 0);

    private sealed class Simulation(CostModel costs)
    {
        private readonly List<Lot> _lots = [];
        private double _realized;
        private double _peak = 1;
        private long _rulesTs;
        private long _holdingSeconds;
        private double _stop = double.NaN;
        private double _takeProfit = double.NaN;

        public List<Trade> Trades { get; } = [];
        public List<EquityPoint> Equity { get; } = [];

        public bool IsOpen => _lots.Count > 0;

        private double Position => _lots.Sum(l => l.Position);

        public void Apply(PositionTarget target, PriceBar bar)
        {
            var want = target.Position;
            var have = Position;
            if (Math.Abs(want - have) > Epsilon)
            {
                if (have != 0 && (Math.Abs(want) <= Epsilon || Math.Sign(want) != Math.Sign(have)))
                {
                    CloseAll(bar, bar.Open, ExitReasons.Target);
                    if (Math.Abs(want) > Epsilon) Open(target, want, bar);
                }
                else if (Math.Abs(want) > Math.Abs(have))
                {
                    Open(target, want - have, bar);
                }
                else
                {
                    Reduce(have - want, bar);
                }
            }

            // the latest target governs the whole position's holding time, stop and take profit
            _rulesTs = bar.TsEvent;
            _holdingSeconds = target.HoldingSeconds;
            _stop = target.StopLoss;
            _takeProfit = target.TakeProfit;
        }

        public bool HoldingDue(long ts) =>
            IsOpen && _holdingSeconds > 0 && ts >= _rulesTs + _holdingSeconds * EventTime.NanosPerSecond;

        public void CheckLevels(PriceBar bar)
        {
            if (!IsOpen) return;
            var side = Math.Sign(Position);
            if (double.IsFinite(_stop) && (side > 0 ? bar.Low <= _stop : bar.High >= _stop))
            {
                // a gap through the stop fills at the open, which is already past it
                var exit = side > 0 ? Math.Min(bar.Open, _stop) : Math.Max(bar.Open, _stop);
                CloseAll(bar, exit, ExitReasons.Stop);
            }
            else if (double.IsFinite(_takeProfit) && (side > 0 ? bar.High >= _takeProfit : bar.Low <= _takeProfit))
            {
                var exit = side > 0 ? Math.Max(bar.Open, _takeProfit) : Math.Min(bar.Open, _takeProfit);
                CloseAll(bar, exit, ExitReasons.TakeProfit);
            }
        }

        /// <summary>Every open lot pays position × (price / entry) × rate (a negative payment is received).</summary>
        public void Settle(double rate, double price)
        {
            for (var i = 0; i < _lots.Count; i++)
            {
                var lot = _lots[i];
                _lots[i] = lot with { Funding = lot.Funding + lot.Position * price / lot.EntryMid * rate };
            }
        }

        public void CloseAll(PriceBar bar, double price, string reason)
        {
            foreach (var lot in _lots) Close(lot, lot.Position, bar, price, reason);
            _lots.Clear();
        }

        /// <summary>Marks the open lots at the close: 1 + realized + Σ (unrealized − entry costs already paid).</summary>
        public void Mark(PriceBar bar)
        {
            var equity = 1 + _realized;
            foreach (var lot in _lots)
                equity += lot.Position * (bar.Close - lot.EntryMid) / lot.EntryMid - lot.EntryCosts - lot.Funding;
            _peak = Math.Max(_peak, equity);
            Equity.Add(new EquityPoint(bar.TsEvent, equity, equity - _peak));
        }

        /// <summary>The price paid: the half-spread when the bar has one, else the configured slippage.</summary>
        private double Slippage(PriceBar bar, double price) =>
            double.IsFinite(bar.HalfSpread) && bar.HalfSpread >= 0 ? bar.HalfSpread : price * costs.SlippageBps / 1e4;

        private void Open(PositionTarget target, double position, PriceBar bar)
        {
            var mid = bar.Open;
            var slip = Slippage(bar, mid);
            var fill = mid + Math.Sign(position) * slip;
            // as fractions of capital: |units| × slippage + fee × |units| × fill, units = position / mid
            var entryFees = Math.Abs(position) * costs.FeeBps / 1e4 * fill / mid;
            var entryCosts = Math.Abs(position) * slip / mid + entryFees;
            _lots.Add(new Lot(bar.TsEvent, position, mid, fill, entryCosts, entryFees, target.Regime, target.Probability));
        }

        /// <summary>Closes <paramref name="amount"/> (same sign as the position) first in, first out.</summary>
        private void Reduce(double amount, PriceBar bar)
        {
            while (Math.Abs(amount) > Epsilon && _lots.Count > 0)
            {
                var lot = _lots[0];
                if (Math.Abs(lot.Position) <= Math.Abs(amount) + Epsilon)
                {
                    Close(lot, lot.Position, bar, bar.Open, ExitReasons.Target);
                    _lots.RemoveAt(0);
                    amount -= lot.Position;
                }
                else
                {
                    Close(lot, amount, bar, bar.Open, ExitReasons.Target);
                    var left = lot.Position - amount;
                    var share = left / lot.Position;
                    _lots[0] = lot with
                    {
                        Position = left,
                        EntryCosts = lot.EntryCosts * share,
                        EntryFees = lot.EntryFees * share,
                        Funding = lot.Funding * share,
                    };
                    amount = 0;
                }
            }
        }

        /// <summary>Books a trade for <paramref name="position"/> of <paramref name="lot"/> exiting at <paramref name="price"/>.</summary>
        private void Close(Lot lot, double position, PriceBar bar, double price, string reason)
        {
            var slip = Slippage(bar, price);
            var fill = price - Math.Sign(position) * slip;
            var gross = position * (price - lot.EntryMid) / lot.EntryMid;
            var exitFees = Math.Abs(position) * costs.FeeBps / 1e4 * fill / lot.EntryMid;
            var share = position / lot.Position;
            var tradeCosts = lot.EntryCosts * share + Math.Abs(position) * slip / lot.EntryMid + exitFees;
            var funding = lot.Funding * share;
            var net = gross - tradeCosts - funding;
            _realized += net;
            Trades.Add(new Trade(lot.EntryTs, bar.TsEvent, position, lot.EntryFill, fill, gross, tradeCosts, net,
                lot.Regime, reason, lot.Probability, lot.EntryFees * share + exitFees, funding));
        }
    }
}
