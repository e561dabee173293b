using Hrm.Protocol.Layers;
using Hrm.Protocol.Market;
using MessagePack;

namespace Hrm.Protocol.Commands;

/// <summary>
/// What a symbol entity snapshots: every layer's state and the engine's (<see cref="Integrator"/>), with the feed offset they reflect, the
/// number of signals emitted so far and the entity's own feed (recovery from a snapshot skips the journaled
/// <see cref="AttachFeed"/>, so the spec travels here, as do the newest live-feed gaps). Raw ticks are never journaled.
/// </summary>
[MessagePackObject]
public sealed record SymbolSnapshot(
    [property: Key(0)] long FeedOffset,
    [property: Key(1)] long SignalCount,
    [property: Key(2)] byte[] Macro,
    [property: Key(3)] byte[] Meso,
    [property: Key(4)] byte[] Micro,
    [property: Key(5)] byte[] Integrator,
    [property: Key(6)] FeedSpec? Feed = null,
    [property: Key(7)] FeedGap[]? Gaps = null,
    [property: Key(8)] long GapCount = 0) : IHrmMessage;
