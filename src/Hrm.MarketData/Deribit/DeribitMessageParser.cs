using System.Text.Json;
using Hrm.MarketData.Options;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Deribit;

/// <summary>
/// Parses one server message of Deribit's websocket API (the live frames and the capture lines alike). Option tickers
/// become <see cref="OptionQuote"/>s as the chain reader makes them (symbol from the currency: BTC → BTCUSDT; expiry,
/// strike and side from the name; mark IV in percent; delta, gamma, vega from <c>greeks</c>), stamped at Deribit's
/// <c>timestamp</c> (ms), with <c>TsInit</c> the receive time. Unparsable or incomplete messages are counted and give null.
/// </summary>
public static class DeribitMessageParser
{
    public static DeribitMessage? Parse(ReadOnlySpan<byte> json, long receiveNanos, RejectCounts rejects)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            rejects.Add(RejectReasons.MalformedJson);
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                rejects.Add(RejectReasons.UnknownMessage);
                return null;
            }

            var reason = RejectReasons.UnknownMessage;
            var message = Message(root, receiveNanos, ref reason);
            if (message is null) rejects.Add(reason);
            return message;
        }
    }

    private static DeribitMessage? Message(JsonElement root, long receiveNanos, ref string reason)
    {
        var method = Text(root, "method");
        if (method == "heartbeat")
        {
            var type = root.TryGetProperty("params", out var heartbeat) ? Text(heartbeat, "type") : null;
            return new DeribitHeartbeat(type == "test_request");
        }

        if (method is null)
        {
            if (!root.TryGetProperty("result", out _) && !root.TryGetProperty("error", out _)) return null;
            long? id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var value) ? value : null;
            var error = root.TryGetProperty("error", out var errorElement)
                ? Text(errorElement, "message") ?? errorElement.GetRawText()
                : null;
            return new DeribitResponse(id, error);
        }

        if (method != "subscription" || !root.TryGetProperty("params", out var parameters) ||
            Text(parameters, "channel") is not { } channel || !parameters.TryGetProperty("data", out var data))
            return null;

        reason = RejectReasons.MissingField;
        if (channel.StartsWith("book.", StringComparison.Ordinal))
        {
            var update = Book(data, ref reason);
            return update is null ? null : new DeribitBookMessage(channel, update);
        }

        if (channel.StartsWith("ticker.", StringComparison.Ordinal) && Text(data, "instrument_name") is { } instrument &&
            DeribitOption.TryParse(instrument) is { } option)
        {
            var quote = Quote(data, instrument, option, receiveNanos, ref reason);
            return quote is null ? null : new DeribitTickerMessage(channel, quote);
        }

        return new DeribitChannelMessage(channel);
    }

    private static DeribitBookUpdate? Book(JsonElement data, ref string reason)
    {
        if (Text(data, "instrument_name") is not { } instrument || Long(data, "change_id") is not { } changeId ||
            Millis(data, "timestamp", ref reason) is not { } ts)
            return null;
        var type = Text(data, "type");
        long? prev = null;
        if (type == "change")
        {
            if (Long(data, "prev_change_id") is not { } p) return null;
            prev = p;
        }
        else if (type != "snapshot")
        {
            reason = RejectReasons.UnknownMessage;
            return null;
        }

        var bids = Levels(data, "bids", ref reason);
        var asks = Levels(data, "asks", ref reason);
        return bids is null || asks is null ? null : new DeribitBookUpdate(instrument, ts, changeId, prev, bids, asks);
    }

    private static DeribitLevel[]? Levels(JsonElement data, string name, ref string reason)
    {
        if (!data.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array) return null;
        var levels = new DeribitLevel[array.GetArrayLength()];
        var i = 0;
        foreach (var line in array.EnumerateArray())
        {
            if (line.ValueKind != JsonValueKind.Array || line.GetArrayLength() != 3) return null;
            DeribitLevelAction? action = line[0].ValueKind == JsonValueKind.String ? line[0].GetString() switch
            {
                "new" => DeribitLevelAction.New,
                "change" => DeribitLevelAction.Change,
                "delete" => DeribitLevelAction.Delete,
                _ => null,
            } : null;
            if (action is null || line[1].ValueKind != JsonValueKind.Number || line[2].ValueKind != JsonValueKind.Number ||
                !line[1].TryGetDouble(out var price) || !line[2].TryGetDouble(out var amount))
            {
                reason = RejectReasons.BadNumber;
                return null;
            }

            if (!(price > 0))
            {
                reason = RejectReasons.NegativePrice;
                return null;
            }

            if (!(amount >= 0))
            {
                reason = RejectReasons.NegativeQty;
                return null;
            }

            levels[i++] = new DeribitLevel(action.Value, price, amount);
        }

        return levels;
    }

    private static OptionQuote? Quote(JsonElement data, string instrument, DeribitOption option, long receiveNanos, ref string reason)
    {
        if (Millis(data, "timestamp", ref reason) is not { } ts) return null;
        if (Number(data, "underlying_price") is not { } underlying || Number(data, "open_interest") is not { } openInterest ||
            Number(data, "mark_iv") is not { } markIv)
            return null;
        reason = DeribitChainCsvReader.MissingGreeks;
        if (!data.TryGetProperty("greeks", out var greeks) || Number(greeks, "delta") is not { } delta ||
            Number(greeks, "gamma") is not { } gamma || Number(greeks, "vega") is not { } vega)
            return null;
        reason = RejectReasons.NegativePrice;
        if (!(underlying > 0)) return null;
        reason = RejectReasons.NegativeQty;
        if (openInterest < 0 || markIv < 0) return null;
        reason = DeribitChainCsvReader.ExpiredOption;
        if (option.ExpiryNanos <= ts) return null;
        return new OptionQuote
        {
            Symbol = Symbols.Canonical(option.Currency),
            Venue = Venue.Deribit,
            TsEvent = ts,
            TsInit = receiveNanos,
            Instrument = instrument,
            Expiry = option.ExpiryNanos,
            Strike = option.Strike,
            IsCall = option.IsCall,
            MarkIv = markIv,
            Delta = delta,
            Gamma = gamma,
            Vega = vega,
            OpenInterest = openInterest,
            UnderlyingPrice = underlying,
        };
    }

    private static long? Millis(JsonElement data, string name, ref string reason)
    {
        if (Long(data, name) is not { } ms || ms < 0 || ms > long.MaxValue / Timestamps.NanosPerMilli)
        {
            reason = RejectReasons.BadTimestamp;
            return null;
        }

        return ms * Timestamps.NanosPerMilli;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number &&
        value.TryGetInt64(out var number)
            ? number
            : null;

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;
}
