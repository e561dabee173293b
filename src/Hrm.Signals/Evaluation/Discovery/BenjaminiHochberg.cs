namespace Hrm.Signals.Evaluation.Discovery;

/// <summary>
/// False-discovery-rate control (Benjamini &amp; Hochberg, "Controlling the False Discovery Rate", JRSS B 57(1), 1995):
/// the BH-adjusted p-value (q-value) of each hypothesis, q₍ᵢ₎ = min over j ≥ i of p₍ⱼ₎·m/j, capped at 1; rejecting
/// every hypothesis with q ≤ α is the step-up procedure at level α. NaN p-values stay NaN and do not count in m.
/// </summary>
public static class BenjaminiHochberg
{
    public static double[] QValues(IReadOnlyList<double> pValues)
    {
        var q = new double[pValues.Count];
        Array.Fill(q, double.NaN);
        var order = Enumerable.Range(0, pValues.Count).Where(i => double.IsFinite(pValues[i])).OrderBy(i => pValues[i]).ToArray();
        var m = order.Length;
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var i = order[rank - 1];
            running = Math.Min(running, pValues[i] * m / rank);
            q[i] = running;
        }

        return q;
    }
}
