using Hrm.Protocol.Market;

namespace Hrm.Signals.Evaluation.Trading;

/// <summary>A venue's standard (lowest-tier, no token discount) fees in basis points of notional, and where they come from.</summary>
public sealed record VenueFees(Venue Venue, double TakerBps, double MakerBps, string Source);

/// <summary>
/// Default fees per venue: the schedule a new account pays (the regular / VIP 0 tier, no BNB discount). A desk with
/// a better tier passes its own with <c>--fee-bps</c>. Maker fees are listed for execution studies; the simulator
/// trades as a taker (every fill crosses the spread), so it charges the taker fee.
/// </summary>
public static class FeeSchedule
{
    public static IReadOnlyList<VenueFees> Defaults { get; } =
    [
        new(Venue.BinanceSpot, 10, 10, "Binance spot fee schedule, regular user: 0.1000 % maker / 0.1000 % taker (binance.com/en/fee/schedule)"),
        new(Venue.BinanceUsdm, 5, 2,
            "Binance USDⓈ-M futures, regular user: 0.0200 % maker / 0.0500 % taker (binance.com support FAQ 360033544231, 'Binance Futures Fee Structure'; 0.0400 % taker before the 2022 schedule)"),
        new(Venue.BinanceCoinm, 5, 2, "Binance COIN-M futures, regular user: 0.0200 % maker / 0.0500 % taker (same FAQ)"),
        new(Venue.Deribit, 5, 0, "Deribit BTC/ETH futures and perpetual: 0.00 % maker / 0.05 % taker (support.deribit.com, 'Fees')"),
    ];

    /// <summary>The default fees of <paramref name="venue"/>.</summary>
    public static VenueFees For(Venue venue) =>
        Defaults.FirstOrDefault(f => f.Venue == venue)
        ?? throw new ArgumentOutOfRangeException(nameof(venue), venue, "no fee schedule for this venue");
}
