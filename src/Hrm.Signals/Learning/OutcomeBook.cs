using MessagePack;

namespace Hrm.Signals.Learning;

/// <summary>One open prediction: from <see cref="Entry"/>, does price reach <see cref="Target"/> before <see cref="Stop"/> (or, with no levels, move in <see cref="Direction"/>) by <see cref="Due"/>?</summary>
[MessagePackObject]
public struct PendingOutcome
{
    [Key(0)] public string Key;
    [Key(1)] public int Direction;
    [Key(2)] public double Entry;
    [Key(3)] public double Target;
    [Key(4)] public double Stop;
    [Key(5)] public long Opened;
    [Key(6)] public long Due;
}

/// <summary>
/// Learned conditional probabilities keyed by a condition (e.g. <c>breakout|trending</c>): predictions are opened
/// at time t and resolved only by prices observed after t, so nothing is learned from the future. Each key has a
/// Beta estimate seeded with its prior; at most one open prediction per key (a pattern that persists over many bars
/// is one trial, not many).
/// </summary>
[MessagePackObject]
public sealed class OutcomeBook
{
    [Key(0)] private SortedDictionary<string, BetaEstimate> _estimates = new(StringComparer.Ordinal);
    [Key(1)] private List<PendingOutcome> _open = [];
    [Key(2)] private double _priorStrength;

    public OutcomeBook()
        : this(20)
    {
    }

    public OutcomeBook(double priorStrength) => _priorStrength = priorStrength;

    [IgnoreMember] public int Open => _open.Count;

    /// <summary>The learned probability for <paramref name="key"/>, or <paramref name="prior"/> before any outcome.</summary>
    public double Probability(string key, double prior) =>
        _estimates.TryGetValue(key, out var estimate) ? estimate.Mean : prior;

    public BetaEstimate Estimate(string key, double prior) =>
        _estimates.TryGetValue(key, out var estimate) ? estimate : BetaEstimate.FromPrior(prior, _priorStrength);

    [IgnoreMember] public IReadOnlyDictionary<string, BetaEstimate> Estimates => _estimates;

    /// <summary>Opens a level-based prediction (target before stop) unless one is already open for the key.</summary>
    public void OpenLevels(string key, double prior, int direction, double entry, double target, double stop, long at, long due) =>
        OpenCore(key, prior, new PendingOutcome { Key = key, Direction = direction, Entry = entry, Target = target, Stop = stop, Opened = at, Due = due });

    /// <summary>Opens a direction-only prediction: success if the price at <paramref name="due"/> is beyond the entry in <paramref name="direction"/>.</summary>
    public void OpenDirection(string key, double prior, int direction, double entry, long at, long due) =>
        OpenCore(key, prior, new PendingOutcome { Key = key, Direction = direction, Entry = entry, Target = double.NaN, Stop = double.NaN, Opened = at, Due = due });

    /// <summary>
    /// Resolves open predictions with a price range [low, high] observed over [<paramref name="from"/>,
    /// <paramref name="at"/>] and the last price at <paramref name="at"/>; only predictions opened at or before
    /// <paramref name="from"/> take part, so a range that began before a prediction never resolves it. Level predictions: the stop touched is a failure (also when both are touched in one
    /// range — the conservative reading), the target touched a success, past due with neither touched no trial (void: the
    /// pattern's probability is that of reaching the target before the stop, which a driftless price does with
    /// probability 1/(1 + R) among the moves that reach either). Direction predictions
    /// resolve at due on the last price; no move is no trial.
    /// </summary>
    public void Observe(double low, double high, double last, long from, long at)
    {
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            var pending = _open[i];
            var resolution = from < pending.Opened || at <= pending.Opened ? Resolution.Open
                : double.IsNaN(pending.Target) ? ByDirection(pending, last, at)
                : ByLevels(pending, low, high, at);
            if (resolution == Resolution.Open)
            {
                continue;
            }

            if (resolution != Resolution.Void)
            {
                var estimate = _estimates[pending.Key];
                estimate.Record(resolution == Resolution.Success);
                _estimates[pending.Key] = estimate;
            }

            _open.RemoveAt(i);
        }
    }

    private static Resolution ByLevels(PendingOutcome p, double low, double high, long at)
    {
        var stopped = p.Direction > 0 ? low <= p.Stop : high >= p.Stop;
        var reached = p.Direction > 0 ? high >= p.Target : low <= p.Target;
        return stopped ? Resolution.Failure : reached ? Resolution.Success : at >= p.Due ? Resolution.Void : Resolution.Open;
    }

    private static Resolution ByDirection(PendingOutcome p, double last, long at) =>
        at < p.Due ? Resolution.Open
        : last == p.Entry ? Resolution.Void
        : p.Direction * (last - p.Entry) > 0 ? Resolution.Success : Resolution.Failure;

    private enum Resolution
    {
        Open,
        Success,
        Failure,
        Void,
    }

    private void OpenCore(string key, double prior, PendingOutcome pending)
    {
        if (!_estimates.ContainsKey(key))
        {
            _estimates[key] = BetaEstimate.FromPrior(prior, _priorStrength);
        }

        foreach (var open in _open)
        {
            if (open.Key == key)
            {
                return;
            }
        }

        _open.Add(pending);
    }
}
