namespace Hrm.Signals.Evaluation;

/// <summary>A price the evaluation trades at: event time, a mid (or last/close) and, when a book is known, the spread.</summary>
public readonly record struct PricePoint(long TsEvent, double Price, double HalfSpread = double.NaN);

/// <summary>What a strategy asks for from <see cref="TsEvent"/> on: a signed position (fraction of capital).</summary>
/// <param name="HoldingSeconds">How long the position is held at most (0 = until the next target).</param>
/// <param name="StopLoss">Absolute price; NaN when none.</param>
/// <param name="TakeProfit">Absolute price; NaN when none.</param>
/// <param name="Probability">The strategy's probability that the call is right (for calibration); NaN when none.</param>
public readonly record struct PositionTarget(
    long TsEvent,
    double Position,
    long HoldingSeconds,
    double StopLoss,
    double TakeProfit,
    string Regime,
    double Probability);

/// <summary>
/// One round trip, after costs. Returns are fractions of capital. <see cref="Costs"/> are what the fills cost (spread or
/// slippage plus <see cref="Fees"/>); <see cref="Funding"/> is what holding a perpetual paid at its funding settlements
/// (negative when it was paid to the position): <c>NetReturn = GrossReturn − Costs − Funding</c>.
/// </summary>
public sealed record Trade(
    long EntryTs,
    long ExitTs,
    double Position,
    double EntryPrice,
    double ExitPrice,
    double GrossReturn,
    double Costs,
    double NetReturn,
    string Regime,
    string ExitReason,
    double Probability,
    double Fees = 0,
    double Funding = 0);

/// <summary>Equity after costs at a point in time (starts at 1) and the drawdown from its running peak (≤ 0).</summary>
public readonly record struct EquityPoint(long TsEvent, double Equity, double Drawdown);

/// <summary>How a strategy did on one test window: its trades and equity curve.</summary>
public sealed record StrategyResult(string Name, IReadOnlyList<Trade> Trades, IReadOnlyList<EquityPoint> Equity);

/// <summary>Trading costs: taker fee and slippage in basis points of notional, per side.</summary>
/// <param name="FeeBps">Taker fee per side (defaults from <see cref="Trading.FeeSchedule"/>: 5 bps Binance USD-M, 10 bps spot).</param>
/// <param name="SlippageBps">Used when no half-spread is known at the fill.</param>
public sealed record CostModel(double FeeBps, double SlippageBps)
{
    public static CostModel Perp { get; } = new(Trading.FeeSchedule.For(Protocol.Market.Venue.BinanceUsdm).TakerBps, 1);
    public static CostModel Spot { get; } = new(Trading.FeeSchedule.For(Protocol.Market.Venue.BinanceSpot).TakerBps, 1);
}

/// <summary>A perpetual's funding settlement: at <see cref="TsEvent"/> a long pays <see cref="Rate"/> × its notional (a short receives it).</summary>
public readonly record struct FundingSettlement(long TsEvent, double Rate);
