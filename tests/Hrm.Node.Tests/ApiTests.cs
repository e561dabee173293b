using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Hrm.Protocol;
using Hrm.Protocol.Api;
using Hrm.Testing;

namespace Hrm.Node.Tests;

/// <summary>The node's HTTP API (docs/API.md) against one in-process node replaying real data.</summary>
public sealed class ApiTests(ApiNode node) : IClassFixture<ApiNode>
{
    private const string Symbol = "BTCUSDT@2024-08-09";

    [Fact]
    public async Task The_happy_path_adds_replays_lists_streams_and_removes_a_symbol()
    {
        var added = await node.Client.PostAsJsonAsync("/symbols", new
        {
            symbol = Symbol,
            data = SharedData.Window2024,
            history = ApiNode.History,
            warmupDays = 30,
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var state = await Json(added);
        Assert.Equal(Symbol, state.GetProperty("symbol").GetString());
        Assert.True(state.GetProperty("attached").GetBoolean());
        Assert.Equal("BTCUSDT", state.GetProperty("feed").GetProperty("source").GetString());
        Assert.Equal(30, state.GetProperty("feed").GetProperty("warmupDays").GetInt32());
        Assert.Equal($"/symbols/{Symbol}", added.Headers.Location?.ToString());

        // Added once: a second add is refused with the entity's reason, and a leader it cannot take is refused too.
        var again = await node.Client.PostAsJsonAsync("/symbols", new { symbol = Symbol });
        var duplicate = await AssertError(again, HttpStatusCode.Conflict, "duplicate");
        Assert.Contains($"{Symbol} is already added", duplicate.Detail);
        await AssertError(
            await node.Client.PostAsJsonAsync("/symbols", new { symbol = Symbol, leader = "ETHUSDT" }), HttpStatusCode.Conflict, "duplicate");

        // The live stream carries the signals as the entity journals them.
        using (var stream = await node.Client.GetAsync($"/symbols/{Symbol}/signals/stream", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
            var (subscribed, streamed) = await FirstStreamedSignal(stream, TimeSpan.FromSeconds(60));
            Assert.Equal($"signals.{Symbol}", subscribed.Data);
            var signal = JsonSerializer.Deserialize<SignalRow>(streamed.Data, HrmJson.Web)!;
            Assert.Equal(Symbol, signal.Symbol);
            Assert.True(signal.Sequence >= 1);
            Assert.Equal(signal.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), streamed.EventId);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        JsonElement current;
        do
        {
            await Task.Delay(500);
            current = await Json(await node.Client.GetAsync($"/symbols/{Symbol}"));
        }
        while (!current.GetProperty("feedEnded").GetBoolean() && DateTime.UtcNow < deadline);

        Assert.True(current.GetProperty("feedEnded").GetBoolean(), current.ToString());
        var signalCount = current.GetProperty("signalCount").GetInt64();
        Assert.True(signalCount >= 5, current.ToString());
        Assert.True(current.GetProperty("feedOffset").GetInt64() > 0);
        Assert.EndsWith("Z", current.GetProperty("lastEventTime").GetString());
        // The layers' view at the last tick (a layer without an opinion is null).
        if (current.GetProperty("regime") is { ValueKind: JsonValueKind.Object } regime)
        {
            Assert.Contains(regime.GetProperty("name").GetString(), new[] { "trending", "mean_reverting", "volatile", "accumulation" });
        }

        Assert.True(current.TryGetProperty("pattern", out _));
        Assert.True(current.TryGetProperty("micro", out _));
        var lastSignal = current.GetProperty("lastSignal");
        Assert.Equal(signalCount, lastSignal.GetProperty("sequence").GetInt64());
        foreach (var column in SignalRow.ColumnNames)
        {
            Assert.True(lastSignal.TryGetProperty(column, out _), $"lastSignal has no {column}: {lastSignal}");
        }

        var signals = await Json(await node.Client.GetAsync($"/symbols/{Symbol}/signals?last=5"));
        Assert.Equal(5, signals.GetArrayLength());
        var sequences = signals.EnumerateArray().Select(s => s.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => signalCount - 4 + i), sequences);

        var defaultLast = await Json(await node.Client.GetAsync($"/symbols/{Symbol}/signals"));
        Assert.Equal(Math.Min(100, signalCount), defaultLast.GetArrayLength());

        var list = await Json(await node.Client.GetAsync("/symbols"));
        var listed = Assert.Single(list.EnumerateArray(), s => s.GetProperty("symbol").GetString() == Symbol);
        Assert.Equal(signalCount, listed.GetProperty("signalCount").GetInt64());
        Assert.True(listed.GetProperty("feedEnded").GetBoolean());

        var metrics = await (await node.Anonymous.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains($"hrm_signals_total{{node=", metrics);
        Assert.Contains("hrm_entities{node=", metrics);

        var removed = await node.Client.DeleteAsync($"/symbols/{Symbol}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await AssertError(await node.Client.GetAsync($"/symbols/{Symbol}"), HttpStatusCode.NotFound, "unknown_symbol");
        await AssertError(await node.Client.DeleteAsync($"/symbols/{Symbol}"), HttpStatusCode.NotFound, "unknown_symbol");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Requests_without_the_token_are_refused(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/symbols");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await node.Anonymous.SendAsync(request);

        await AssertError(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        await AssertError(await node.Anonymous.PostAsJsonAsync("/symbols", new { symbol = "BTCUSDT" }), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertError(await node.Anonymous.GetAsync("/cluster"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Health_and_metrics_need_no_token()
    {
        var live = await node.Anonymous.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("live", (await Json(live)).GetProperty("status").GetString());

        var ready = await node.Anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await Json(ready)).GetProperty("status").GetString());

        var metrics = await node.Anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE hrm_signals_total counter", text);
        Assert.Contains("hrm_journal_latency_seconds{node=", text);
        Assert.Contains("hrm_member_up{node=", text);
    }

    [Theory]
    [InlineData("btcusdt")]
    [InlineData("B")]
    [InlineData("BTCUSDT@")]
    [InlineData("BTC/USDT")]
    [InlineData("BTCUSDT@a b")]
    public async Task A_bad_symbol_name_is_a_400(string symbol)
    {
        await AssertError(await node.Client.PostAsJsonAsync("/symbols", new { symbol }), HttpStatusCode.BadRequest, "bad_symbol");
    }

    [Theory]
    [InlineData("ETHUSDT", "eth")]
    [InlineData("ETHUSDT", "ETHUSDT")]
    public async Task A_bad_or_self_leader_is_a_400_before_the_entity_is_asked(string symbol, string leader)
    {
        var problem = await AssertError(
            await node.Client.PostAsJsonAsync("/symbols", new { symbol, leader }), HttpStatusCode.BadRequest, "bad_symbol");
        Assert.Contains(leader == symbol ? "cannot follow itself" : $"'{leader}'", problem.Detail);
        await AssertError(await node.Client.GetAsync($"/symbols/{symbol}"), HttpStatusCode.NotFound, "unknown_symbol");
    }

    [Fact]
    public async Task A_bad_name_in_the_path_is_a_400()
    {
        await AssertError(await node.Client.GetAsync("/symbols/btcusdt"), HttpStatusCode.BadRequest, "bad_symbol");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("{\"symbol\": 42}")]
    public async Task A_malformed_body_is_a_400(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await AssertError(await node.Client.PostAsync("/symbols", content), HttpStatusCode.BadRequest, "malformed_body");
    }

    [Fact]
    public async Task A_data_directory_missing_on_the_node_is_a_400()
    {
        var response = await node.Client.PostAsJsonAsync("/symbols", new { symbol = "ETHUSDT", data = "/nonexistent/captures" });
        var error = await AssertError(response, HttpStatusCode.BadRequest, "bad_feed");
        Assert.Contains("/nonexistent/captures", error.Detail);

        var noCapture = await node.Client.PostAsJsonAsync("/symbols", new { symbol = "SOLUSDT", data = SharedData.Window2024 });
        await AssertError(noCapture, HttpStatusCode.BadRequest, "bad_feed");
    }

    [Fact]
    public async Task A_live_feed_on_a_venue_without_a_live_connector_is_a_400_naming_the_ones_there_are()
    {
        var response = await node.Client.PostAsJsonAsync("/symbols", new { symbol = "ETHUSDT", live = true, venues = new[] { "usdm", "kraken" } });

        var error = await AssertError(response, HttpStatusCode.BadRequest, "bad_feed");
        Assert.Equal("venue 'kraken' has no live feed; \"venues\" takes spot, usdm and coinm", error.Detail);
    }

    [Fact]
    public async Task An_unknown_symbol_is_a_404()
    {
        await AssertError(await node.Client.GetAsync("/symbols/XRPUSDT@never"), HttpStatusCode.NotFound, "unknown_symbol");
        await AssertError(await node.Client.DeleteAsync("/symbols/XRPUSDT@never"), HttpStatusCode.NotFound, "unknown_symbol");
        await AssertError(await node.Client.GetAsync("/symbols/XRPUSDT@never/signals"), HttpStatusCode.NotFound, "unknown_symbol");
        await AssertError(await node.Client.GetAsync("/symbols/XRPUSDT@never/signals/stream"), HttpStatusCode.NotFound, "unknown_symbol");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("")]
    public async Task A_bad_last_is_a_400(string last)
    {
        await AssertError(await node.Client.GetAsync($"/symbols/XRPUSDT@never/signals?last={last}"), HttpStatusCode.BadRequest, "bad_last");
    }

    [Fact]
    public async Task The_cluster_shows_this_member_up_and_its_shards()
    {
        var cluster = await Json(await node.Client.GetAsync("/cluster"));

        var self = Assert.Single(cluster.GetProperty("members").EnumerateArray());
        Assert.True(self.GetProperty("isSelf").GetBoolean());
        Assert.Equal("Up", self.GetProperty("status").GetString());
        Assert.Contains("symbols", self.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(self.GetProperty("address").GetString(), cluster.GetProperty("leader").GetString());
        Assert.Equal(JsonValueKind.Array, cluster.GetProperty("shards").ValueKind);
    }

    [Fact]
    public async Task Backtests_check_their_data_up_front_and_unknown_ids_are_a_404()
    {
        await AssertError(await node.Client.GetAsync($"/backtests/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "unknown_backtest");
        await AssertError(
            await node.Client.PostAsJsonAsync("/backtests", new { data = "/nonexistent/captures" }), HttpStatusCode.BadRequest, "bad_feed");
        await AssertError(
            await node.Client.PostAsJsonAsync("/backtests", new { data = SharedData.Window2024, symbols = new[] { "SOLUSDT" } }),
            HttpStatusCode.BadRequest, "bad_feed");
        using var content = new StringContent("{", Encoding.UTF8, "application/json");
        await AssertError(await node.Client.PostAsync("/backtests", content), HttpStatusCode.BadRequest, "malformed_body");
    }

    [Fact]
    public async Task A_backtest_runs_in_the_background_and_reports_its_summary()
    {
        // The first 20 000 records of the real BTCUSDT spot capture: a backtest of a few seconds.
        var data = System.IO.Directory.CreateDirectory(Path.Combine(node.Directory, "small-capture")).FullName;
        var source = Path.Combine(SharedData.Window2024, "spot_btcusdt_20240809.gz");
        await using (var input = new System.IO.Compression.GZipStream(File.OpenRead(source), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(input))
        await using (var output = new System.IO.Compression.GZipStream(File.Create(Path.Combine(data, "spot_btcusdt_20240809.gz")), System.IO.Compression.CompressionLevel.Fastest))
        await using (var writer = new StreamWriter(output))
        {
            for (var i = 0; i < 20_000 && await reader.ReadLineAsync() is { } line; i++)
            {
                await writer.WriteLineAsync(line);
            }
        }

        var started = await node.Client.PostAsJsonAsync("/backtests", new { data, symbols = new[] { "BTCUSDT" } });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await Json(started)).GetProperty("id").GetString();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement job;
        do
        {
            await Task.Delay(250);
            job = await Json(await node.Client.GetAsync($"/backtests/{id}"));
        }
        while (job.GetProperty("status").GetString() == "running" && DateTime.UtcNow < deadline);

        Assert.True(job.GetProperty("status").GetString() == "completed", job.ToString());
        var summary = job.GetProperty("summary");
        Assert.True(summary.GetProperty("completed").GetBoolean());
        Assert.Equal(["BTCUSDT"], summary.GetProperty("symbols").EnumerateArray().Select(s => s.GetString()));
        Assert.True(summary.GetProperty("events_replayed").GetInt64() > 0);
        Assert.True(File.Exists(Path.Combine(job.GetProperty("output").GetString()!, "signals.csv")));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The API's error contract: an RFC 7807 problem with the code as an extension member and a detail.</summary>
    private static async Task<ApiProblem> AssertError(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<ApiProblem>(text, HrmJson.Web)!;
        Assert.Equal(code, problem.Code);
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), text);
        return problem;
    }

    /// <summary>The stream's opening event and its first signal event, parsed as any SSE client would.</summary>
    private static async Task<(SseItem<string> Subscribed, SseItem<string> Signal)> FirstStreamedSignal(HttpResponseMessage response, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await using var body = await response.Content.ReadAsStreamAsync(cts.Token);
        SseItem<string>? subscribed = null;
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cts.Token))
        {
            subscribed ??= item;
            Assert.Equal(SignalEvents.Subscribed, subscribed.Value.EventType);
            if (item.EventType == SignalEvents.Signal)
            {
                return (subscribed.Value, item);
            }
        }

        throw new InvalidOperationException("the stream ended without a signal");
    }
}
