namespace Hrm.FakeExchange.Deribit;

/// <summary>
/// How the fake replays the recording; message indices count the recorded notifications from 0, over all connections
/// (a new connection resumes where the last one stopped). Each fault fires once.
/// <list type="bullet">
/// <item><see cref="DropConnectionAt"/>: the socket is aborted instead of sending message k.</item>
/// <item><see cref="SilentFrom"/>: from message k the connection sends nothing more, heartbeats included, and stays open.</item>
/// <item><see cref="DropBookChangeAt"/>: book change k is not sent (the market still moved).</item>
/// <item><see cref="DuplicateAt"/>: messages sent twice.</item>
/// <item>Always: after <c>public/set_heartbeat</c> a <c>test_request</c> each interval; one unanswered by the next closes the connection.</item>
/// </list>
/// <see cref="Speed"/> null replays unpaced; else at recorded pace times the speed.
/// </summary>
public sealed record FakeDeribitScript
{
    public int? DropConnectionAt { get; init; }

    public int? SilentFrom { get; init; }

    public int? DropBookChangeAt { get; init; }

    public IReadOnlySet<int> DuplicateAt { get; init; } = new HashSet<int>();

    public double? Speed { get; init; }
}
