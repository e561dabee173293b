using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData;

/// <summary>A replayable, named sequence of market events with the count of what it had to skip.</summary>
public interface IMarketEventSource : IEnumerable<MarketEvent>
{
    string Name { get; }

    RejectCounts Rejects { get; }
}
