using Hrm.Live.Binance;
using Hrm.Live.Deribit;
using Hrm.MarketData;
using Hrm.Protocol.Market;

namespace Hrm.Live;

/// <summary>
/// The connectors of the venues HRM can follow live, at the endpoints given (the exchanges' real ones by default):
/// Binance spot, USD-M and COIN-M for canonical symbols, Deribit for instrument names.
/// </summary>
public sealed class LiveConnectors(
    IReadOnlyDictionary<Venue, BinanceVenueSettings>? binance = null,
    Uri? deribit = null,
    BinanceOptions? binanceOptions = null) : ILiveConnectorFactory
{
    public IReadOnlyList<Venue> Venues { get; } = [Venue.BinanceSpot, Venue.BinanceUsdm, Venue.BinanceCoinm, Venue.Deribit];

    /// <summary>
    /// A connector for <paramref name="symbols"/> on <paramref name="venue"/>: canonical symbols on Binance (BTCUSDT is
    /// <c>btcusdt</c> on spot and USD-M, <c>btcusd_perp</c> on COIN-M), instrument names on Deribit.
    /// </summary>
    public ILiveConnector Create(Venue venue, IReadOnlyList<string> symbols) => venue switch
    {
        Venue.Deribit => new DeribitConnector(new DeribitConnectorOptions(symbols) { Url = deribit ?? new DeribitConnectorOptions([]).Url }),
        _ when VenueNames.PrimaryPreference.Contains(venue) => new BinanceConnector(
            binance?.GetValueOrDefault(venue) ?? BinanceVenueSettings.Default(venue),
            symbols.Select(s => Symbols.Native(venue, s)),
            binanceOptions),
        _ => throw new ArgumentOutOfRangeException(nameof(venue), venue, "no live connector for this venue"),
    };
}
