using System.Globalization;
using System.Text;
using Hrm.Signals.Evaluation.Metrics;
using Hrm.Signals.Evaluation.Trading;

namespace Hrm.Cli.Reports;

/// <summary>
/// The report's verdict: a factual paragraph built from the metrics alone. It states over what the hierarchy was
/// scored (the scope: a walk-forward's test windows, a capture scored prequentially), its net return, Sharpe ratio and
/// trade count, then sorts the baselines by whether the hierarchy's
/// <c>cumulative_alpha</c> is above, below or equal to theirs, and names those that cannot be compared (a null
/// metric). It draws no conclusion beyond that one comparison.
/// </summary>
public static class Verdict
{
    /// <summary>Two returns closer than this (fraction of capital) are a tie: floating-point noise, not a difference.</summary>
    public const double TieTolerance = 1e-12;

    /// <summary>The scope of a walk-forward: only its test windows are scored.</summary>
    public const string OutOfSample = "Out of sample (the test windows only)";

    /// <summary>
    /// The scope of a capture backtest: every signal is scored before its own outcome is learned, over the window
    /// the hierarchy also learns from (there is no held-out test window).
    /// </summary>
    public const string Prequential = "Prequentially over the capture window (every signal scored before its own outcome is learned)";

    private static readonly string[] ReportOrder = [.. Strategies.Baselines, Strategies.BuyAndHold];

    /// <summary>
    /// The verdict for <paramref name="metrics"/>: <c>overall</c> against every section of <c>baselines</c>, scored
    /// over <paramref name="scope"/> (the verdict's opening words, e.g. <see cref="OutOfSample"/>).
    /// </summary>
    public static string From(MetricsReport metrics, string scope = OutOfSample)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var text = From(metrics.Overall.Integrated, metrics.Baselines.ToDictionary(kv => kv.Key, kv => kv.Value.Integrated, StringComparer.Ordinal), scope);
        return text + Forecast(metrics) + Placebo(metrics.Placebo);
    }

    /// <summary>The hierarchy's forecast at its own horizon: IC ± s.e. and Brier skill, as numbers.</summary>
    private static string Forecast(MetricsReport metrics)
    {
        if (metrics.HierarchyForecast is not { } f)
        {
            return "";
        }

        var sb = new StringBuilder(" At the horizon its signals hold for (").Append(f.Horizon.Name).Append("), its rank IC is ")
            .Append(Number(f.InformationCoefficient, "F3")).Append(" ± ").Append(Number(f.IcStandardError, "F3"))
            .Append(" (HAC s.e., ").Append(f.Points.ToString("N0", CultureInfo.InvariantCulture)).Append(" decisions with a view)");
        sb.Append(f.BrierSkill is { } skill && double.IsFinite(skill)
            ? $" and its Brier skill over the climatology (docs/EVALUATION.md: the purged train base rate on a walk-forward, prequential on a capture) is {skill.ToString("F3", CultureInfo.InvariantCulture)} ({(skill > 0 ? "better" : "no better")} than always forecasting the base rate)."
            : "; its Brier skill is undefined.");
        return sb.ToString();
    }

    /// <summary>Where the hierarchy falls among the random-sign placebo's draws.</summary>
    private static string Placebo(PlaceboSummary? placebo) =>
        placebo?.ShareBeatingHierarchy is { } share
            ? string.Create(CultureInfo.InvariantCulture,
                $" Random directions at the same times and sizes beat it in {share * placebo.NetReturns.Count:0} of {placebo.NetReturns.Count} placebo draws.")
            : "";

    /// <summary>
    /// The verdict for the hierarchy's metrics against each named baseline's, scored over <paramref name="scope"/>
    /// (the opening words, e.g. <see cref="OutOfSample"/> or <see cref="Prequential"/>). Baselines are listed in report
    /// order (macro_alone, meso_alone, micro_alone, naive_average, buy_and_hold), any other name after them ordinally.
    /// </summary>
    public static string From(IntegratedResult hierarchy, IReadOnlyDictionary<string, IntegratedResult> baselines, string scope = OutOfSample)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        var sb = new StringBuilder(scope.Trim()).Append(", after costs, the hierarchy ");
        sb.Append(hierarchy.CumulativeAlpha is { } alpha && double.IsFinite(alpha)
            ? "returned " + Percent(alpha, 1)
            : "has no defined return (cumulative_alpha is null)");
        sb.Append(" (Sharpe ").Append(Number(hierarchy.SharpeRatio)).Append(", ")
            .Append(hierarchy.Trades.ToString("N0", CultureInfo.InvariantCulture))
            .Append(hierarchy.Trades == 1 ? " trade)." : " trades).");
        if (hierarchy.Trades == 0)
        {
            sb.Append(" It made no trade, so these are the numbers of a flat book.");
        }

        var names = baselines.Keys
            .OrderBy(n => Array.IndexOf(ReportOrder, n) is var rank and >= 0 ? rank : ReportOrder.Length)
            .ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            sb.Append(" There were no baselines to compare it with.");
            return sb.ToString();
        }

        if (hierarchy.CumulativeAlpha is not { } mine || !double.IsFinite(mine))
        {
            sb.Append(" It cannot be compared with the baselines (").Append(string.Join(", ", names)).Append(").");
            return sb.ToString();
        }

        var (beat, lost, tied, undefined) = (new List<string>(), new List<string>(), new List<string>(), new List<string>());
        foreach (var name in names)
        {
            if (baselines[name].CumulativeAlpha is not { } theirs || !double.IsFinite(theirs))
            {
                undefined.Add(name);
            }
            else if (Math.Abs(mine - theirs) <= TieTolerance)
            {
                tied.Add($"{name} ({Percent(theirs, Places(theirs))})");
            }
            else
            {
                (mine > theirs ? beat : lost).Add($"{name} ({Distinct(theirs, mine)})");
            }
        }

        sb.Append(" Compared on cumulative_alpha (net return) alone, ");
        var comparable = names.Count - undefined.Count;
        if (beat.Count == 0)
        {
            sb.Append(comparable == 0 ? "no baseline could be compared." : "it beat none of the baselines.");
        }
        else
        {
            sb.Append(beat.Count == names.Count ? "it beat every baseline: " : "it beat: ").Append(string.Join(", ", beat)).Append('.');
        }

        if (lost.Count > 0)
        {
            sb.Append(" It did not beat: ").Append(string.Join(", ", lost)).Append('.');
        }

        if (tied.Count > 0)
        {
            sb.Append(" It tied with: ").Append(string.Join(", ", tied)).Append('.');
        }

        if (undefined.Count > 0)
        {
            sb.Append(" Not compared, their cumulative_alpha is null: ").Append(string.Join(", ", undefined)).Append('.');
        }

        return sb.ToString();
    }

    /// <summary>
    /// The baseline's return with enough decimals (up to 4) to show its two leading digits and to tell it from the
    /// hierarchy's; when the two look equal at the headline's one decimal, the hierarchy's is given beside it at the
    /// same precision, so that two printed numbers never look equal when they are not.
    /// </summary>
    private static string Distinct(double theirs, double mine)
    {
        for (var places = Places(theirs); places <= 4; places++)
        {
            if (Percent(theirs, places) != Percent(mine, places))
            {
                return Percent(theirs, 1) == Percent(mine, 1) ? $"{Percent(theirs, places)} vs {Percent(mine, places)}" : Percent(theirs, places);
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{theirs:R} vs {mine:R}");
    }

    /// <summary>Decimals of a percentage: 1 from 0.1% up, else enough for two significant digits (at most 4).</summary>
    internal static int Places(double fraction)
    {
        var pct = Math.Abs(fraction * 100);
        return pct >= 0.1 || pct == 0 ? 1 : Math.Min(4, 1 - (int)Math.Floor(Math.Log10(pct)));
    }

    /// <summary>A fraction as a signed percentage: 0.029 → "+2.9%", −0.075 → "-7.5%", 0 → "0.0%".</summary>
    internal static string Percent(double fraction, int places)
    {
        var text = (fraction * 100).ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.TrimStart('-').All(c => c is '0' or '.'))
        {
            text = text.TrimStart('-');
        }
        else if (fraction > 0)
        {
            text = "+" + text;
        }

        return text + "%";
    }

    private static string Number(double? value, string format = "F1") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
