using Hrm.MarketData.Deribit;

namespace Hrm.Live.Deribit;

/// <summary>
/// What the Deribit connector subscribes to and its timings. <see cref="Instruments"/> are Deribit names
/// (<c>BTC-24SEP21-8000-P</c>); each gets <c>book.{i}.raw</c>, <c>trades.{i}.raw</c> and <c>ticker.{i}.raw</c>.
/// A connection is dead when no heartbeat came for two <see cref="HeartbeatInterval"/>s (Deribit accepts 10 s and more).
/// Reconnects wait <see cref="InitialBackoff"/> doubling to <see cref="MaxBackoff"/>, ± <see cref="Jitter"/> of it.
/// </summary>
public sealed record DeribitConnectorOptions(IReadOnlyList<string> Instruments)
{
    public Uri Url { get; init; } = new("wss://www.deribit.com/ws/api/v2");

    /// <summary>
    /// The capture file prefix of the raw frames (files <c>&lt;Capture&gt;_&lt;yyyymmdd&gt;.gz</c>, read back by
    /// <see cref="DeribitCaptureReader"/>); a <see cref="RawMessage"/>'s stream is the channel, <c>heartbeat</c> or <c>rpc</c>.
    /// </summary>
    public string Capture { get; init; } = DeribitCapture.Prefix("BTC");

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public double Jitter { get; init; } = 0.2;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The clock's time in Unix nanoseconds (the receive time of the notices).</summary>
    internal long NowNanos() => (Clock.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}
