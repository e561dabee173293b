namespace Hrm.Actors.Backtest;

/// <summary>The user asked for something the data cannot give (no readable data, unknown symbol): exit code 2.</summary>
public sealed class BacktestInputException(string message) : Exception(message);
