namespace Hrm.Signals.Evaluation.Trading;

/// <summary>
/// A price the simulator trades at: a bar that opens at <see cref="TsEvent"/> (event time, Unix nanoseconds) with its
/// open, high, low and close, and the half-spread when a book is known (NaN otherwise). A tick is a bar with
/// o = h = l = c. Fills happen at the open (the first price at or after <see cref="TsEvent"/>); stops and targets are
/// checked against the high and low; the equity is marked at the close.
/// </summary>
public readonly record struct PriceBar(
    long TsEvent,
    double Open,
    double High,
    double Low,
    double Close,
    double HalfSpread = double.NaN)
{
    /// <summary>A tick (or a mid sample): one price, so open = high = low = close.</summary>
    public static PriceBar Tick(long tsEvent, double price, double halfSpread = double.NaN) =>
        new(tsEvent, price, price, price, price, halfSpread);

    public static PriceBar From(PricePoint point) => Tick(point.TsEvent, point.Price, point.HalfSpread);

    public static IReadOnlyList<PriceBar> From(IEnumerable<PricePoint> points) => points.Select(From).ToArray();
}
