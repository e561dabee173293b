using Hrm.Protocol.Market;

namespace Hrm.Live;

/// <summary>Makes the connector of one venue for canonical symbols (BTCUSDT is btcusdt on spot and USD-M, btcusd_perp on COIN-M).</summary>
public interface ILiveConnectorFactory
{
    /// <summary>The venues it can connect to.</summary>
    IReadOnlyList<Venue> Venues { get; }

    ILiveConnector Create(Venue venue, IReadOnlyList<string> symbols);
}
