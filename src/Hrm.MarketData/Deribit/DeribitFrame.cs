namespace Hrm.MarketData.Deribit;

/// <summary>One received websocket frame of the Deribit API and when it was received (Unix ns).</summary>
public sealed record DeribitFrame(long ReceiveNanos, byte[] Json);
