using Hrm.Protocol.Layers;

namespace Hrm.Signals.Evaluation.Trading;

/// <summary>
/// The random-sign placebo at matched turnover: the hierarchy's own signals, same times, sizes, holding periods and
/// confidence, with the direction drawn at random. One fair coin per position episode (a run of signals with the same
/// non-zero direction; flat signals stay flat), so resizes do not become reversals and the placebo trades as often and
/// as much as the hierarchy. Stop and take profit are mirrored about the reference price when the sign flips, keeping
/// the bet's geometry. A strategy that cannot beat this has no directional skill, whatever its net return says.
/// Deterministic: the coins come from <see cref="SplitMix64"/> seeded with the symbol, the window start and the draw.
/// </summary>
public static class RandomSignPlacebo
{
    /// <summary>The placebo's signals for one draw.</summary>
    public static IReadOnlyList<AlphaSignal> Signals(IReadOnlyList<AlphaSignal> signals, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var result = new AlphaSignal[signals.Count];
        var episode = 0;
        var coin = 1;
        for (var i = 0; i < signals.Count; i++)
        {
            var s = signals[i];
            var direction = Math.Sign(s.Direction);
            if (direction != 0 && direction != episode)
            {
                coin = rng.Next() % 2 == 0 ? 1 : -1;
            }

            episode = direction;
            result[i] = direction == 0 || coin == direction ? s : s with
            {
                Direction = -s.Direction,
                StopLoss = Mirror(s.StopLoss, s.ReferencePrice),
                TakeProfit = Mirror(s.TakeProfit, s.ReferencePrice),
            };
        }

        return result;
    }

    /// <summary>A seed for a symbol's window and draw: FNV-1a of the symbol, mixed with the window start and draw number.</summary>
    public static ulong Seed(string symbol, long windowStart, int draw)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in symbol)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash ^ (ulong)windowStart * 0x9E3779B97F4A7C15UL ^ (ulong)draw;
    }

    private static double Mirror(double level, double reference) =>
        double.IsFinite(level) && double.IsFinite(reference) && reference > 0 ? 2 * reference - level : double.NaN;
}
