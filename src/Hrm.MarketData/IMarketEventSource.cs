using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData;

/// <summary>A replayable, named sequence of market events with the count of what it had to skip.</summary>
public interface IMarketEventSource : IEnumerable<MarketEvent>
{
    string Name { get; }

    /// <summary>What the latest enumeration skipped (each enumeration starts the count afresh, so probing a source first does not count twice).</summary>
    RejectCounts Rejects { get; }
}
