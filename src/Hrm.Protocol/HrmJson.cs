using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hrm.Protocol;

/// <summary>
/// The JSON every HRM surface writes: <see cref="Files"/> for what a run writes and the CLI prints (snake_case like the
/// CSV and Parquet columns, indented, nothing left out), <see cref="Web"/> for the node's HTTP API, written by the node
/// and read by the client (ASP.NET Core's camelCase defaults; a number that is not finite is null).
/// </summary>
public static class HrmJson
{
    public static readonly JsonSerializerOptions Files = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new FiniteDouble() } };

    /// <summary>JSON has no NaN or infinity: such a double is written as null, and null reads back as NaN.</summary>
    private sealed class FiniteDouble : JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
