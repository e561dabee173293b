namespace Hrm.Actors.Symbol;

/// <summary>Distributed pub/sub topics the symbol entities publish on.</summary>
public static class SignalTopics
{
    /// <summary>Every journaled <c>AlphaSignal</c> of one symbol.</summary>
    public static string For(string symbol) => "signals." + symbol;

    /// <summary>The symbol's macro context for the symbols that follow it (<c>LeaderContext</c>).</summary>
    public static string Context(string symbol) => "context." + symbol;
}
