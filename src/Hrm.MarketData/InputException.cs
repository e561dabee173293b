namespace Hrm.MarketData;

/// <summary>The user asked for something the inputs cannot give (no readable data, unknown symbol): exit code 2.</summary>
public sealed class InputException(string message) : Exception(message);
