using System.Text.Json;
using Akka.Actor;
using Hrm.Node.Api;
using Hrm.Protocol;
using Hrm.Protocol.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hrm.Node.Tests;

/// <summary>What escapes an endpoint becomes a problem with a code: the cluster not answering a 504, anything else a 500.</summary>
public sealed class ApiExceptionHandlerTests
{
    [Fact]
    public async Task An_ask_that_times_out_is_a_504_timeout()
    {
        var problem = await Handle(new AskTimeoutException("no answer from symbol/BTCUSDT"));

        Assert.Equal((StatusCodes.Status504GatewayTimeout, ApiErrors.Timeout), (problem.Status, problem.Code));
        Assert.Contains("no answer from symbol/BTCUSDT", problem.Detail);
        Assert.Contains("Retry later", problem.Detail);
    }

    [Fact]
    public async Task Anything_else_is_a_500_internal_with_its_message()
    {
        var problem = await Handle(new InvalidOperationException("the journal is gone"));

        Assert.Equal((StatusCodes.Status500InternalServerError, ApiErrors.Internal, "the journal is gone"), (problem.Status, problem.Code, problem.Detail));
    }

    private static async Task<ApiProblem> Handle(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        Assert.True(await new ApiExceptionHandler().TryHandleAsync(context, exception, CancellationToken.None));

        Assert.Equal("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        var problem = (await JsonSerializer.DeserializeAsync<ApiProblem>(context.Response.Body, HrmJson.Web))!;
        Assert.Equal(context.Response.StatusCode, problem.Status);
        return problem;
    }
}
