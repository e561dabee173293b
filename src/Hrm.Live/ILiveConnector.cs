using Akka;
using Akka.Streams.Dsl;

namespace Hrm.Live;

/// <summary>
/// A live market-data connection to one venue for a set of instruments. <see cref="Notices"/> connects when
/// materialised, reconnects by itself with backoff and jitter, and runs until the stream is cancelled (a kill switch
/// downstream).
/// </summary>
public interface ILiveConnector
{
    string Name { get; }

    Source<LiveNotice, NotUsed> Notices();
}
