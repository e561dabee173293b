namespace Hrm.Protocol;

/// <summary>Marker for every message and persisted record that crosses a process boundary; binds <see cref="Serialization.HrmSerializer"/>.</summary>
public interface IHrmMessage;

/// <summary>A message routed to the shard entity of one symbol.</summary>
public interface IWithSymbol
{
    string Symbol { get; }
}
