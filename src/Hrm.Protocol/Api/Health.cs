namespace Hrm.Protocol.Api;

/// <summary><c>GET /health/live</c> and a ready <c>GET /health/ready</c>: <c>{"status":"live"}</c>, <c>{"status":"ready"}</c>.</summary>
public sealed record HealthStatus(string Status)
{
    public static readonly HealthStatus Live = new("live");
    public static readonly HealthStatus Ready = new("ready");
}
