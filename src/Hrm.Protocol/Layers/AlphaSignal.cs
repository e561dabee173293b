using MessagePack;

namespace Hrm.Protocol.Layers;

/// <summary>
/// The integrated output (the seed's AlphaSignal) with what produced it. <see cref="Sequence"/> numbers a symbol's
/// signals from 1; recovery drops a regenerated signal whose sequence is already journaled.
/// <see cref="HoldingPeriodSeconds"/> is the expected holding time; prices are absolute.
/// </summary>
[MessagePackObject]
public sealed record AlphaSignal(
    [property: Key(0)] string Symbol,
    [property: Key(1)] long Sequence,
    [property: Key(2)] long TsEvent,
    [property: Key(3)] int Direction,
    [property: Key(4)] double Confidence,
    [property: Key(5)] double Size,
    [property: Key(6)] long HoldingPeriodSeconds,
    [property: Key(7)] double StopLoss,
    [property: Key(8)] double TakeProfit,
    [property: Key(9)] string Regime,
    [property: Key(10)] string Pattern,
    [property: Key(11)] string[] MicroDrivers,
    [property: Key(12)] string[] Rules,
    [property: Key(13)] double ReferencePrice) : IHrmMessage, IWithSymbol;
