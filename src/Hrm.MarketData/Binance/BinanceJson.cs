using System.Globalization;
using System.Text;
using System.Text.Json;
using Hrm.MarketData.Parsing;
using Hrm.Protocol.Market;

namespace Hrm.MarketData.Binance;

/// <summary>
/// Reads one Binance message (combined-stream envelope or bare REST snapshot) with <see cref="Utf8JsonReader"/> into
/// <see cref="BinanceFields"/>: no DOM, no strings; decimal strings go straight to fixed point.
/// Throws <see cref="JsonException"/> on malformed JSON (the caller counts it); value problems go to
/// <see cref="BinanceFields.Fail"/>.
/// </summary>
internal static class BinanceJson
{
    public static void ReadMessage(ReadOnlySpan<byte> json, BinanceFields f)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("not an object");
        ReadObject(ref reader, f, root: true);
        if (reader.Read()) throw new JsonException("trailing content");
    }

    private static void ReadObject(ref Utf8JsonReader reader, BinanceFields f, bool root)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            var key = reader.ValueSpan;
            reader.Read();
            if (root && key.SequenceEqual("stream"u8)) f.Stream = ReadStreamKind(ref reader);
            else if (root && key.SequenceEqual("data"u8) && reader.TokenType == JsonTokenType.StartObject) ReadObject(ref reader, f, root: false);
            else ReadField(key, ref reader, f);
        }

        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("unterminated object");
    }

    private static StreamKind ReadStreamKind(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) return StreamKind.Unknown;
        var name = reader.ValueSpan;
        var at = name.IndexOf((byte)'@');
        if (at < 0) return StreamKind.Unknown;
        var kind = name[(at + 1)..];
        if (kind.StartsWith("depth"u8)) return StreamKind.Depth;
        if (kind.SequenceEqual("bookTicker"u8)) return StreamKind.BookTicker;
        if (kind.SequenceEqual("trade"u8)) return StreamKind.Trade;
        if (kind.StartsWith("markPrice"u8)) return StreamKind.MarkPrice;
        return StreamKind.Unknown;
    }

    private static void ReadField(ReadOnlySpan<byte> key, ref Utf8JsonReader reader, BinanceFields f)
    {
        if (key.Length == 1)
        {
            switch (key[0])
            {
                case (byte)'E': f.HasEventTime = ReadLong(ref reader, f, out f.EventTime); return;
                case (byte)'T': f.HasTransactTime = ReadLong(ref reader, f, out f.TransactTime); return;
                case (byte)'U': f.HasFirstId = ReadLong(ref reader, f, out f.FirstId); return;
                case (byte)'u': f.HasFinalId = ReadLong(ref reader, f, out f.FinalId); return;
                case (byte)'t': f.HasTradeId = ReadLong(ref reader, f, out f.TradeId); return;
                case (byte)'b': ReadSideOrPrice(ref reader, f, f.Bids, ref f.HasBids, ref f.BidPrice, ref f.HasBidPrice); return;
                case (byte)'a': ReadSideOrPrice(ref reader, f, f.Asks, ref f.HasAsks, ref f.AskPrice, ref f.HasAskPrice); return;
                case (byte)'B': f.HasBidQty = ReadFixed(ref reader, f, RejectReasons.NegativeQty, out f.BidQty); return;
                case (byte)'A': f.HasAskQty = ReadFixed(ref reader, f, RejectReasons.NegativeQty, out f.AskQty); return;
                case (byte)'p': f.HasPrice = ReadFixed(ref reader, f, RejectReasons.NegativePrice, out f.Price); return;
                case (byte)'q': f.HasQty = ReadFixed(ref reader, f, RejectReasons.NegativeQty, out f.Qty); return;
                case (byte)'i': f.HasIndexPrice = ReadFixed(ref reader, f, RejectReasons.NegativePrice, out f.IndexPrice); return;
                case (byte)'r': f.HasFundingRate = ReadDouble(ref reader, f, out f.FundingRate); return;
                case (byte)'m': f.HasBuyerIsMaker = ReadBool(ref reader, f, out f.BuyerIsMaker); return;
            }
        }
        else if (key.SequenceEqual("pu"u8))
        {
            f.HasPrevFinalId = ReadLong(ref reader, f, out f.PrevFinalId);
            return;
        }
        else if (key.SequenceEqual("lastUpdateId"u8))
        {
            f.HasLastUpdateId = ReadLong(ref reader, f, out f.LastUpdateId);
            return;
        }
        else if (key.SequenceEqual("bids"u8))
        {
            f.HasBids = ReadLevels(ref reader, f, f.Bids);
            return;
        }
        else if (key.SequenceEqual("asks"u8))
        {
            f.HasAsks = ReadLevels(ref reader, f, f.Asks);
            return;
        }

        reader.Skip();
    }

    /// <summary><c>b</c>/<c>a</c> are level arrays in depth, prices in bookTicker and order ids in old spot trades.</summary>
    private static void ReadSideOrPrice(ref Utf8JsonReader reader, BinanceFields f, List<PriceLevel> levels, ref bool hasLevels,
        ref long price, ref bool hasPrice)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                hasLevels = ReadLevels(ref reader, f, levels);
                break;
            case JsonTokenType.String:
                hasPrice = ReadFixed(ref reader, f, RejectReasons.NegativePrice, out price);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static bool ReadLevels(ref Utf8JsonReader reader, BinanceFields f, List<PriceLevel> levels)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            f.Fail(RejectReasons.MalformedJson);
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Read();
            var okPrice = ReadFixed(ref reader, f, RejectReasons.NegativePrice, out var price);
            reader.Read();
            var okQty = ReadFixed(ref reader, f, RejectReasons.NegativeQty, out var qty);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) reader.Skip();
            if (okPrice && okQty) levels.Add(new PriceLevel(price, qty));
        }

        if (reader.TokenType != JsonTokenType.EndArray) f.Fail(RejectReasons.MalformedJson);
        return true;
    }

    private static bool ReadLong(ref Utf8JsonReader reader, BinanceFields f, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value)) return true;
        value = 0;
        reader.Skip();
        f.Fail(RejectReasons.BadNumber);
        return false;
    }

    private static bool ReadBool(ref Utf8JsonReader reader, BinanceFields f, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        if (value || reader.TokenType == JsonTokenType.False) return true;
        reader.Skip();
        f.Fail(RejectReasons.MalformedJson);
        return false;
    }

    /// <summary>A decimal string into fixed point; negative values fail with <paramref name="negativeReason"/>.</summary>
    private static bool ReadFixed(ref Utf8JsonReader reader, BinanceFields f, string negativeReason, out long value)
    {
        value = 0;
        if (!ReadNumberText(ref reader, f, out var text))
        {
            return false;
        }

        if (!FixedPointParser.TryParse(text, out value))
        {
            f.Fail(IsNonFinite(text) ? RejectReasons.NonFiniteNumber : RejectReasons.BadNumber);
            return false;
        }

        if (value >= 0) return true;
        f.Fail(negativeReason);
        return false;
    }

    private static bool ReadDouble(ref Utf8JsonReader reader, BinanceFields f, out double value)
    {
        value = 0;
        if (!ReadNumberText(ref reader, f, out var text))
        {
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            f.Fail(RejectReasons.BadNumber);
            return false;
        }

        if (double.IsFinite(value)) return true;
        f.Fail(RejectReasons.NonFiniteNumber);
        return false;
    }

    /// <summary>A number Binance sends as a string: its unescaped text; anything else is skipped and fails as a bad number.</summary>
    private static bool ReadNumberText(ref Utf8JsonReader reader, BinanceFields f, out ReadOnlySpan<byte> text)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            text = default;
            reader.Skip();
            f.Fail(RejectReasons.BadNumber);
            return false;
        }

        text = reader.ValueSpan;
        return true;
    }

    private static bool IsNonFinite(ReadOnlySpan<byte> text)
    {
        var body = text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+') ? text[1..] : text;
        return Ascii.EqualsIgnoreCase(body, "nan"u8) || Ascii.EqualsIgnoreCase(body, "inf"u8)
            || Ascii.EqualsIgnoreCase(body, "infinity"u8);
    }
}
