using Akka.Actor;
using Hrm.Protocol.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Hrm.Node.Api;

/// <summary>What escapes an endpoint, as a problem: an entity or the cluster not answering is a 504, the rest a 500.</summary>
public sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception is AskTimeoutException
            ? ApiResults.Problem(StatusCodes.Status504GatewayTimeout, ApiErrors.Timeout,
                $"the cluster did not answer in time ({exception.Message}); the node may still be joining, or no node with the symbols role is up. Retry later.")
            : ApiResults.Problem(StatusCodes.Status500InternalServerError, ApiErrors.Internal, exception.Message);
        await problem.ExecuteAsync(context);
        return true;
    }
}
