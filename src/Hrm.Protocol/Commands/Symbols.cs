using Hrm.Protocol.Layers;
using MessagePack;

namespace Hrm.Protocol.Commands;

/// <summary>Asks an entity for what its layers say now (the API's <c>GET /symbols/{symbol}</c>).</summary>
[MessagePackObject]
public sealed record GetSymbolState([property: Key(0)] string Symbol) : IHrmMessage, IWithSymbol;

/// <summary>
/// An entity's state for people: whether a feed is attached (an entity without one is not a symbol the desk added),
/// where it runs, how far its feed is, and what the layers said at the last decision tick: the macro regime, the
/// active meso pattern, the micro signals of that tick and the last alpha signal; for a live feed, the windows it
/// could not see (<see cref="Gaps"/>, the newest last, at most <see cref="MaxGapsShown"/>; <see cref="GapCount"/> all).
/// </summary>
[MessagePackObject]
public sealed record SymbolState(
    [property: Key(0)] SymbolStatus Status,
    [property: Key(1)] bool Attached,
    [property: Key(2)] FeedSpec? Feed,
    [property: Key(3)] string? Leader,
    [property: Key(4)] MacroSignal? Macro,
    [property: Key(5)] MesoSignal? Meso,
    [property: Key(6)] MicroEvidence? Micro,
    [property: Key(7)] AlphaSignal? LastSignal,
    [property: Key(8)] FeedGap[]? Gaps = null,
    [property: Key(9)] long GapCount = 0) : IHrmMessage
{
    public const int MaxGapsShown = 20;
}

/// <summary>
/// Removes a symbol: the entity stops its feed, forgets its feed (journaled) and passivates, so remember-entities does
/// not start it again. Its journaled signals stay. Answered with <see cref="SymbolRemoved"/>.
/// </summary>
[MessagePackObject]
public sealed record RemoveSymbol([property: Key(0)] string Symbol) : IHrmMessage, IWithSymbol;

/// <summary>The reply to <see cref="RemoveSymbol"/>; <see cref="WasAttached"/> is false when there was nothing to remove.</summary>
[MessagePackObject]
public sealed record SymbolRemoved([property: Key(0)] string Symbol, [property: Key(1)] bool WasAttached) : IHrmMessage;

/// <summary>
/// Adds a symbol in one step: its feed and, when <see cref="Leader"/> is set, the leader whose macro context it follows,
/// journaled together. Answered with <see cref="SymbolAdded"/>; a symbol that already has a feed keeps it.
/// </summary>
[MessagePackObject]
public sealed record AddSymbol(
    [property: Key(0)] string Symbol,
    [property: Key(1)] FeedSpec Feed,
    [property: Key(2)] string? Leader = null) : IHrmMessage, IWithSymbol;

/// <summary>
/// The reply to <see cref="AddSymbol"/>: <see cref="Added"/> is false when the symbol already had a feed or the leader
/// was refused (<see cref="Refusal"/> says which), and <see cref="State"/> is the entity's state after the command.
/// </summary>
[MessagePackObject]
public sealed record SymbolAdded(
    [property: Key(0)] bool Added,
    [property: Key(1)] SymbolState State,
    [property: Key(2)] string? Refusal = null) : IHrmMessage;
