using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hrm.MarketData;
using Hrm.Signals.Macro.Regimes;

namespace Hrm.Cli;

/// <summary>
/// <c>hrm regime fit</c>: maximum likelihood fit of a k-state Markov-switching model (Hamilton's mean-adjusted AR(p),
/// optional switching AR and variance) to one numeric column of a CSV file; prints the parameters, or with --json the
/// parameters and the filtered and smoothed state probabilities.
/// </summary>
public static class RegimeCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input") { Description = "CSV file with a header row", Required = true };
        var column = new Option<string>("--column") { Description = "Name of the numeric column to model, e.g. rgnp", Required = true };
        var states = new Option<int>("--states") { Description = "Number of regimes k (≥ 2)", DefaultValueFactory = _ => 2 };
        var ar = new Option<int>("--ar") { Description = "AR order p in Hamilton's mean-adjusted form (the first p values are presample)", DefaultValueFactory = _ => 0 };
        var switchingVariance = new Option<bool>("--switching-variance") { Description = "Give each regime its own σ (default: one shared σ)" };
        var switchingAr = new Option<bool>("--switching-ar") { Description = "Give each regime its own AR coefficients (default: shared)" };
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: loglik, transition (k×k, row = FROM-state: transition[i][j] = Pr(S_t = j | S_{t−1} = i), "
                + "the transpose of Hamilton's column convention), means, ar (per state), sigmas, filtered and smoothed "
                + "(per modelled observation t = p..n−1, the k state probabilities)",
        };

        var fit = new Command("fit", "Fit a Markov-switching model by maximum likelihood (Hamilton filter, Kim smoother; likelihood conditional on the first p values, ergodic initial regime). Transition matrices are printed with row = FROM-state.")
        {
            input,
            column,
            states,
            ar,
            switchingVariance,
            switchingAr,
            json,
        };
        fit.SetAction(parse => Run(
            parse.GetValue(input)!,
            parse.GetValue(column)!,
            new MarkovSwitchingSpec(parse.GetValue(states), parse.GetValue(ar), parse.GetValue(switchingAr), parse.GetValue(switchingVariance)),
            parse.GetValue(json)));

        return new Command("regime", "Regime models: Markov-switching fits")
        {
            fit,
        };
    }

    private static int Run(FileInfo input, string column, MarkovSwitchingSpec spec, bool json)
    {
        try
        {
            if (spec.States < 2)
            {
                throw new RegimeInputException($"--states must be at least 2 (got {spec.States})");
            }

            if (spec.Order < 0)
            {
                throw new RegimeInputException($"--ar must be 0 or more (got {spec.Order})");
            }

            if (spec.Tuples > 4096)
            {
                throw new RegimeInputException($"{spec.States} states with AR({spec.Order}) need {spec.Tuples} filter states; at most 4096 are allowed");
            }

            var y = ReadColumn(input, column);
            var needed = MarkovSwitchingFitter.MinimumObservations(spec);
            if (y.Length < needed)
            {
                throw new RegimeInputException($"column '{column}' has {y.Length} values; this model needs at least {needed}");
            }

            var fit = MarkovSwitchingFitter.Fit(y, spec);
            var result = MarkovSwitching.Filter(y, spec, fit.Parameters);
            Console.Out.WriteLine(json ? ToJson(fit, result, y.Length) : ToTable(fit, result, y.Length));
            return 0;
        }
        catch (RegimeInputException error)
        {
            Console.Error.WriteLine($"hrm regime fit: {error.Message}");
            return 2;
        }
    }

    /// <summary>The values of one column (header row first); every row must hold a finite number there.</summary>
    public static double[] ReadColumn(FileInfo input, string column)
    {
        if (!input.Exists)
        {
            throw new RegimeInputException($"input file {input.FullName} does not exist");
        }

        using var reader = new StreamReader(input.FullName);
        var header = reader.ReadLine();
        if (header is null)
        {
            throw new RegimeInputException($"input file {input.FullName} is empty");
        }

        var names = Split(header);
        var index = Array.IndexOf(names, column);
        if (index < 0)
        {
            throw new RegimeInputException($"column '{column}' is not in {input.Name} (columns: {string.Join(", ", names)})");
        }

        var values = new List<double>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = Split(text);
            var field = index < fields.Length ? fields[index] : "";
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new RegimeInputException($"line {line} of {input.Name}: '{field}' in column '{column}' is not a finite number");
            }

            values.Add(value);
        }

        return values.ToArray();
    }

    private static string[] Split(string line) => line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();

    private static string ToJson(MarkovSwitchingFitResult fit, MarkovSwitchingResult result, int observations)
    {
        var p = fit.Parameters;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("states", fit.Spec.States);
            writer.WriteNumber("order", fit.Spec.Order);
            writer.WriteBoolean("switching_ar", fit.Spec.SwitchingAr);
            writer.WriteBoolean("switching_variance", fit.Spec.SwitchingVariance);
            writer.WriteNumber("observations", observations);
            writer.WriteNumber("first_index", result.FirstIndex);
            writer.WriteNumber("loglik", fit.LogLikelihood);
            writer.WriteBoolean("converged", fit.Converged);
            writer.WriteString("transition_orientation", "row = from-state: transition[i][j] = Pr(S_t = j | S_t-1 = i)");
            WriteMatrix(writer, "transition", p.TransitionFromTo());
            WriteArray(writer, "means", p.Means);
            if (fit.Spec.Order > 0)
            {
                WriteMatrix(writer, "ar", p.Ar);
            }

            WriteArray(writer, "sigmas", p.Sigmas);
            WriteMatrix(writer, "filtered", result.Filtered);
            WriteMatrix(writer, "smoothed", result.Smoothed!);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }

    private static void WriteMatrix(Utf8JsonWriter writer, string name, double[][] rows)
    {
        writer.WriteStartArray(name);
        foreach (var row in rows)
        {
            writer.WriteStartArray();
            foreach (var v in row)
            {
                writer.WriteNumberValue(v);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static string ToTable(MarkovSwitchingFitResult fit, MarkovSwitchingResult result, int observations)
    {
        var p = fit.Parameters;
        var k = p.States;
        var ergodic = p.Ergodic();
        var text = new StringBuilder();
        var spec = fit.Spec;
        text.AppendLine(CultureInfo.InvariantCulture, $"Markov switching: {k} states, AR({spec.Order}) {(spec.SwitchingAr ? "switching" : "shared")}, σ {(spec.SwitchingVariance ? "switching" : "shared")}; {observations} values, {observations - result.FirstIndex} modelled");
        text.AppendLine(CultureInfo.InvariantCulture, $"log-likelihood {fit.LogLikelihood:F5} ({(fit.Converged ? "converged" : "not converged")}, {fit.StartsTried} starts)");
        text.AppendLine();
        text.AppendLine(Row("state", Enumerable.Range(0, k).Select(s => s.ToString(CultureInfo.InvariantCulture))));
        text.AppendLine(Row("mean", p.Means.Select(F)));
        for (var i = 0; i < spec.Order; i++)
        {
            text.AppendLine(Row($"phi{i + 1}", p.Ar.Select(a => F(a[i]))));
        }

        text.AppendLine(Row("sigma", p.Sigmas.Select(F)));
        text.AppendLine(Row("ergodic Pr", ergodic.Select(F)));
        text.AppendLine(Row("duration", Enumerable.Range(0, k).Select(s => F(1 / (1 - p.Transition[s][s])))));
        text.AppendLine(Row("Pr(last)", result.Filtered[^1].Select(F)));
        text.AppendLine();
        text.AppendLine("transition, row = from-state, column = to-state:");
        var fromTo = p.TransitionFromTo();
        for (var from = 0; from < k; from++)
        {
            text.AppendLine(Row($"from {from}", fromTo[from].Select(F)));
        }

        return text.ToString().TrimEnd();
    }

    private static string F(double v) => v.ToString("F6", CultureInfo.InvariantCulture);

    private static string Row(string label, IEnumerable<string> cells) => label.PadRight(12) + string.Concat(cells.Select(c => c.PadLeft(14)));
}

/// <summary>Bad input to <c>hrm regime fit</c>: reported as one line on stderr, exit code 2.</summary>
public sealed class RegimeInputException(string message) : Exception(message);
