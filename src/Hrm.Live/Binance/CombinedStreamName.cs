using System.Text.Json;

namespace Hrm.Live.Binance;

/// <summary>Reads the <c>stream</c> name of a combined-stream frame <c>{"stream":"btcusdt@trade","data":{...}}</c>.</summary>
public static class CombinedStreamName
{
    /// <summary>The stream name, or null when the frame is not a combined-stream message.</summary>
    public static string? Read(ReadOnlySpan<byte> frame)
    {
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isStream = reader.ValueTextEquals("stream"u8);
                reader.Read();
                if (isStream) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>The instrument a stream belongs to: <c>btcusd_perp@depth@0ms</c> → <c>btcusd_perp</c>.</summary>
    public static string Instrument(string stream)
    {
        var at = stream.IndexOf('@');
        return at < 0 ? stream : stream[..at];
    }
}
