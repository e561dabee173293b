namespace Hrm.Protocol.Api;

/// <summary>
/// The event types of <c>GET /symbols/{symbol}/signals/stream</c>: a <see cref="Signal"/> event carries a
/// <see cref="SignalRow"/> with the signal's sequence as its id; <see cref="Subscribed"/> (data: the topic) opens the
/// stream and <see cref="KeepAlive"/> (no data) goes out after a quiet spell.
/// </summary>
public static class SignalEvents
{
    public const string Signal = "signal";
    public const string Subscribed = "subscribed";
    public const string KeepAlive = "keep-alive";
}
