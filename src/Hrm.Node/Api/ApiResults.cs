using System.Text.Json;
using Hrm.Protocol;
using Hrm.Protocol.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hrm.Node.Api;

/// <summary>The API's answers: its DTOs as JSON with <see cref="HrmJson.Web"/>, its errors as RFC 7807 problems.</summary>
public static class ApiResults
{
    public static JsonHttpResult<T> Json<T>(T value, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, HrmJson.Web, statusCode: status);

    /// <summary>A problem whose <c>detail</c> is <paramref name="detail"/> and whose <c>code</c> member is <paramref name="code"/>.</summary>
    public static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { [ApiErrors.CodeMember] = code });

    /// <summary>A 400 <c>bad_symbol</c> for a name that is not a symbol; null for a good one.</summary>
    public static ProblemHttpResult? BadName(string symbol) =>
        SymbolGateway.IsValidName(symbol)
            ? null
            : Problem(StatusCodes.Status400BadRequest, ApiErrors.BadSymbol,
                $"'{symbol}' is not a symbol name: 2-20 upper-case letters or digits, optionally '@' and a tag of up to 40 letters, digits, '.', '_' or '-' (BTCUSDT, BTCUSDT@2024-08-09)");

    public static ProblemHttpResult UnknownSymbol(string symbol) =>
        Problem(StatusCodes.Status404NotFound, ApiErrors.UnknownSymbol,
            $"{symbol} is not added on this cluster; POST /symbols to add it (GET /symbols lists those that are)");

    /// <summary>
    /// The request body as <typeparamref name="T"/>, or a 400 <c>malformed_body</c> when it is not JSON of that shape or
    /// lacks its <paramref name="field"/> (read by <paramref name="required"/>); <paramref name="usage"/> says what to send.
    /// </summary>
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadBodyAsync<T>(
        HttpContext context, string field, Func<T, string?> required, string usage)
        where T : class
    {
        T? body;
        try
        {
            // Not ReadFromJsonAsync: that refuses a body without a JSON content type, and curl -d sends none.
            body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, HrmJson.Web, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, Malformed($"the body is not the expected JSON ({e.Message}); {usage}"));
        }

        return body is null ? (null, Malformed("the body is empty or null; " + usage))
            : string.IsNullOrWhiteSpace(required(body)) ? (null, Malformed($"the body has no \"{field}\"; {usage}"))
            : (body, null);
    }

    /// <summary>A 400 <c>bad_feed</c> for a warm-up outside 0-3650 days; null for a good one.</summary>
    public static ProblemHttpResult? BadWarmup(int warmupDays) =>
        warmupDays is < 0 or > 3650
            ? Problem(StatusCodes.Status400BadRequest, ApiErrors.BadFeed, $"warmupDays {warmupDays} is out of range 0-3650")
            : null;

    private static ProblemHttpResult Malformed(string detail) => Problem(StatusCodes.Status400BadRequest, ApiErrors.MalformedBody, detail);
}
