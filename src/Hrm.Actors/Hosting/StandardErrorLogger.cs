using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace Hrm.Actors.Hosting;

/// <summary>
/// Akka's log events on stderr: an embedded cluster runs inside a command whose stdout is its output (a JSON summary,
/// a report), which a warning from the cluster (a delayed heartbeat on a busy machine) must never interleave.
/// </summary>
public sealed class StandardErrorLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public StandardErrorLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine(e.ToString()));
    }
}
