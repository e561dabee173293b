using System.Text.Json;

namespace Hrm.Live.Deribit;

/// <summary>The JSON-RPC 2.0 requests the connector sends (pure).</summary>
public static class DeribitRequests
{
    public static IReadOnlyList<string> Channels(string instrument) =>
        [BookChannel(instrument), $"trades.{instrument}.raw", $"ticker.{instrument}.raw"];

    public static string BookChannel(string instrument) => $"book.{instrument}.raw";

    public static byte[] Subscribe(long id, IEnumerable<string> channels) => Request(id, "public/subscribe", new { channels });

    public static byte[] Unsubscribe(long id, IEnumerable<string> channels) => Request(id, "public/unsubscribe", new { channels });

    /// <summary>Deribit counts the interval in whole seconds.</summary>
    public static byte[] SetHeartbeat(long id, TimeSpan interval) =>
        Request(id, "public/set_heartbeat", new { interval = (int)Math.Ceiling(interval.TotalSeconds) });

    public static byte[] Test(long id) => Request(id, "public/test", new { });

    private static byte[] Request(long id, string method, object parameters) =>
        JsonSerializer.SerializeToUtf8Bytes(new { jsonrpc = "2.0", id, method, @params = parameters });
}
