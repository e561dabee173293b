using System.Text.Json;
using Hrm.Testing;

namespace Hrm.Cli.Tests;

/// <summary><c>hrm regime fit</c>: the Hamilton (1989) fit through the command line, and one-line errors with exit code 2.</summary>
[Collection("console")]
public sealed class RegimeCommandTests
{
    private static readonly string Rgnp = Path.Combine(SharedData.Root, "reference", "01_hamilton1989_msar4_gnp", "data_rgnp.csv");

    [Fact]
    public async Task Json_fit_of_hamilton_gnp_reaches_the_published_loglik()
    {
        var (code, stdout, error) = await CliRunner.RunAsync("regime", "fit", "--input", Rgnp, "--column", "rgnp", "--states", "2", "--ar", "4", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(-181.26339, root.GetProperty("loglik").GetDouble(), 1e-3);
        // row = FROM-state: row 0 = (p00, 1 − p00) = (0.7547, 0.2453); row 1 = (p10, 1 − p10) = (0.0959, 0.9041)
        var transition = root.GetProperty("transition");
        Assert.Equal(0.754673, transition[0][0].GetDouble(), 2e-3);
        Assert.Equal(0.095915, transition[1][0].GetDouble(), 2e-3);
        Assert.Equal(1.0, transition[1][0].GetDouble() + transition[1][1].GetDouble(), 12);
        Assert.Equal(-0.358811, root.GetProperty("means")[0].GetDouble(), 5e-3);
        Assert.Equal(1.163516, root.GetProperty("means")[1].GetDouble(), 5e-3);
        Assert.Equal(4, root.GetProperty("ar")[0].GetArrayLength());
        Assert.Equal(2, root.GetProperty("sigmas").GetArrayLength());
        Assert.Equal(131, root.GetProperty("filtered").GetArrayLength());
        Assert.Equal(131, root.GetProperty("smoothed").GetArrayLength());
        // first modelled quarter (1952Q2): published filtered Pr(expansion) 0.776712, smoothed 0.968096
        Assert.Equal(0.776712, root.GetProperty("filtered")[0][1].GetDouble(), 1e-3);
        Assert.Equal(0.968096, root.GetProperty("smoothed")[0][1].GetDouble(), 1e-3);
    }

    [Fact]
    public async Task Table_output_names_the_orientation_and_the_loglik()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("regime", "fit", "--input", Rgnp, "--column", "rgnp", "--switching-variance");

        Assert.Equal(0, code);
        Assert.Contains("log-likelihood", stdout);
        Assert.Contains("row = from-state", stdout);
    }

    [Fact]
    public async Task A_missing_file_is_a_one_line_error_with_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("regime", "fit", "--input", "/nonexistent/rgnp.csv", "--column", "rgnp");

        AssertOneLineError(code, error, "does not exist");
    }

    [Fact]
    public async Task A_missing_column_is_a_one_line_error_with_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("regime", "fit", "--input", Rgnp, "--column", "gdp");

        AssertOneLineError(code, error, "column 'gdp' is not in data_rgnp.csv");
    }

    [Fact]
    public async Task A_non_numeric_value_is_a_one_line_error_with_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("regime", "fit", "--input", Rgnp, "--column", "quarter");

        AssertOneLineError(code, error, "line 2 of data_rgnp.csv: '1951Q2'");
    }

    [Fact]
    public async Task Too_few_rows_for_the_model_is_a_one_line_error_with_exit_code_2()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("hrm-regime-").FullName, "short.csv");
        await File.WriteAllLinesAsync(file, ["t,y", "0,1.0", "1,2.0", "2,0.5", "3,1.5", "4,0.1", "5,2.2"]);

        var (code, _, error) = await CliRunner.RunAsync("regime", "fit", "--input", file, "--column", "y", "--ar", "4");

        AssertOneLineError(code, error, "has 6 values; this model needs at least");
    }

    [Fact]
    public async Task An_empty_value_is_a_one_line_error_with_exit_code_2()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("hrm-regime-").FullName, "gap.csv");
        await File.WriteAllLinesAsync(file, ["t,y", "0,1.0", "1,", "2,0.5"]);

        var (code, _, error) = await CliRunner.RunAsync("regime", "fit", "--input", file, "--column", "y");

        AssertOneLineError(code, error, "line 3 of gap.csv: '' in column 'y' is not a finite number");
    }

    [Fact]
    public async Task Fewer_than_two_states_is_a_one_line_error_with_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("regime", "fit", "--input", Rgnp, "--column", "rgnp", "--states", "1");

        AssertOneLineError(code, error, "--states must be at least 2");
    }

    private static void AssertOneLineError(int code, string error, string expected)
    {
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hrm regime fit: ", error);
        Assert.Contains(expected, error);
    }
}
