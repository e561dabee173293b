using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Hrm.Protocol.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hrm.Node.Api;

/// <summary>The node's API token (<c>Hrm:Api:Token</c> or the content of <c>Hrm:Api:TokenFile</c>).</summary>
public sealed class BearerTokenOptions : AuthenticationSchemeOptions
{
    public string Token { get; set; } = "";
}

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> against the node's one token, compared in the same time whatever was sent;
/// a challenge is a 401 <c>unauthorized</c> problem with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<BearerTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<BearerTokenOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (SentToken() is not { } sent)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!CryptographicOperations.FixedTimeEquals(Hash(sent), Hash(Options.Token)))
        {
            return Task.FromResult(AuthenticateResult.Fail("the bearer token is not this node's API token"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-client")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return ApiResults.Problem(StatusCodes.Status401Unauthorized, ApiErrors.Unauthorized,
                SentToken() is null
                    ? "send the node's API token as 'Authorization: Bearer <token>' (Hrm:Api:Token or Hrm:Api:TokenFile on the node)"
                    : "the bearer token is not this node's API token (Hrm:Api:Token or Hrm:Api:TokenFile)")
            .ExecuteAsync(Context);
    }

    private string? SentToken()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
