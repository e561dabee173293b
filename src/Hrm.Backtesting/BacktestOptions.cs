using Hrm.Actors.Symbol;
using Hrm.MarketData.Replay;
using Hrm.Signals.Evaluation;
using Hrm.Signals.Layers;

namespace Hrm.Backtesting;

/// <summary>What a local backtest replays and where it writes.</summary>
public sealed record BacktestOptions
{
    public required string DataDirectory { get; init; }
    public IReadOnlyList<string>? Symbols { get; init; }
    public string OutDirectory { get; init; } = Path.Combine("out", "backtest");

    /// <summary>Candle and funding CSVs replayed before the first tick to warm up macro and meso (optional).</summary>
    public string? HistoryDirectory { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromDays(120);

    /// <summary>Continue over the journal already in <see cref="OutDirectory"/> instead of starting fresh.</summary>
    public bool Resume { get; init; }

    public SymbolSettings Symbol { get; init; } = new();

    public int BatchSize { get; init; } = 4096;

    /// <summary>Taker fee per side; fills pay the quoted half-spread where the primary venue has a book ticker.</summary>
    public CostModel Costs { get; init; } = CostModel.Perp;

    /// <summary>
    /// Exclusive upper bound on event time (Unix ns): every input event with <c>TsEvent &gt;= Cut</c>, history
    /// included, is left out. Null replays everything. The look-ahead check runs with and without it.
    /// </summary>
    public long? Cut { get; init; }

    /// <summary>The layers each entity runs (null: the real ones). Tests swap in instrumented or faulty layers.</summary>
    public LayerFactories? Layers { get; init; }

    public string JournalPath => Path.Combine(OutDirectory, "hrm.db");

    /// <summary>What the run reads.</summary>
    public RecordedInput Input => new(DataDirectory, HistoryDirectory, Warmup, Symbols, Cut);
}
