namespace Hrm.Live.Binance;

/// <summary>What one <see cref="BinanceFeedState.Handle"/> produced; the caller drains and clears it.</summary>
public sealed class FeedOutput
{
    public List<LiveNotice> Notices { get; } = [];
    public List<FeedCommand> Commands { get; } = [];

    public void Clear()
    {
        Notices.Clear();
        Commands.Clear();
    }
}
