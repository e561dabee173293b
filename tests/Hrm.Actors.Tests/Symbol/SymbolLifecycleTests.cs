using System.Globalization;
using Akka.Actor;
using Hrm.Actors.Hosting;
using Hrm.Actors.Symbol;
using Hrm.Protocol.Commands;
using Hrm.Testing;

namespace Hrm.Actors.Tests.Symbol;

/// <summary>
/// What the desk's API relies on: an added symbol is listed and reports its layers' state; a removed one is no longer
/// listed or attached, and asking about a symbol nobody added creates nothing that stays. Adding is one command that
/// refuses a second feed and a symbol following itself.
/// </summary>
public sealed class SymbolLifecycleTests
{
    private const string Symbol = "SOLUSDT@2024Q1";

    [Fact]
    public async Task An_added_symbol_is_listed_with_its_state_and_a_removed_one_is_gone()
    {
        var journal = JournalSettings.SqliteFile(Path.Combine(SharedData.NewTempDirectory("lifecycle"), "hrm.db"));
        await using var node = await EmbeddedCluster.StartAsync(journal, new SymbolSettings());
        var spec = new FeedSpec("SOLUSDT", SharedData.History, CandlesFrom: Nanos("2024-01-01"), CandlesTo: Nanos("2024-03-01"));

        var unknown = await node.Symbols.Ask<SymbolState>(new GetSymbolState("XRPUSDT"), TimeSpan.FromSeconds(30));
        Assert.False(unknown.Attached);
        Assert.Equal(new SymbolRemoved("XRPUSDT", false), await node.Symbols.Ask<SymbolRemoved>(new RemoveSymbol("XRPUSDT"), TimeSpan.FromSeconds(30)));

        var selfFollow = await node.Symbols.Ask<SymbolAdded>(new AddSymbol(Symbol, spec, Symbol), TimeSpan.FromSeconds(30));
        Assert.False(selfFollow.Added);
        Assert.Equal($"{Symbol} cannot follow itself", selfFollow.Refusal);
        Assert.False(selfFollow.State.Attached);

        var added = await node.Symbols.Ask<SymbolAdded>(new AddSymbol(Symbol, spec), TimeSpan.FromSeconds(30));
        Assert.True(added.Added, added.Refusal);
        Assert.Equal(spec, added.State.Feed);
        var again = await node.Symbols.Ask<SymbolAdded>(new AddSymbol(Symbol, spec with { WarmupDays = 1 }), TimeSpan.FromSeconds(30));
        Assert.False(again.Added);
        Assert.Equal($"{Symbol} is already added (fed from SOLUSDT)", again.Refusal);
        Assert.Equal(spec, again.State.Feed);

        SymbolState state;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!(state = await node.Symbols.Ask<SymbolState>(new GetSymbolState(Symbol), TimeSpan.FromSeconds(30))).Status.FeedEnded)
        {
            Assert.True(DateTime.UtcNow < deadline, "the feed did not end");
            await Task.Delay(200);
        }

        Assert.True(state.Attached);
        Assert.Equal(spec, state.Feed);
        Assert.NotNull(state.Macro);
        Assert.NotNull(state.Meso);
        Assert.NotNull(state.LastSignal);
        Assert.Equal(state.Status.SignalCount, state.LastSignal!.Sequence);
        Assert.Equal([Symbol], await SymbolRegistry.ListAsync(node.System, TimeSpan.FromSeconds(5)));

        Assert.Equal(new SymbolRemoved(Symbol, true), await node.Symbols.Ask<SymbolRemoved>(new RemoveSymbol(Symbol), TimeSpan.FromSeconds(30)));
        Assert.False((await node.Symbols.Ask<SymbolState>(new GetSymbolState(Symbol), TimeSpan.FromSeconds(30))).Attached);
        Assert.Empty(await SymbolRegistry.ListAsync(node.System, TimeSpan.FromSeconds(5)));
    }

    private static long Nanos(string day) =>
        (DateTimeOffset.Parse(day + "T00:00:00Z", CultureInfo.InvariantCulture).UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
}
