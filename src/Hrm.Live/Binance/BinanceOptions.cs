namespace Hrm.Live.Binance;

/// <summary>
/// Every timing and limit of a Binance connector; the defaults are for the real venue, tests shorten them.
/// </summary>
public sealed record BinanceOptions
{
    /// <summary>How often the client pings; Binance answers with a pong.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A ping without a pong for this long drops the connection.</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No frame at all for this long drops the connection (the no-data watchdog).</summary>
    public TimeSpan NoDataTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections are replaced (make before break) this long after they opened; Binance cuts them at 24 h.</summary>
    public TimeSpan RotateAfter { get; init; } = TimeSpan.FromHours(23);

    /// <summary>A rotation's new connection takes over at the latest this long after it opened, bridged or not.</summary>
    public TimeSpan RotationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay; doubled per failed attempt up to <see cref="MaxBackoff"/>, plus jitter.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Random extra delay as a fraction of the backoff (0.2 = up to 20 % more).</summary>
    public double BackoffJitter { get; init; } = 0.2;

    /// <summary>Binance allows 300 connection attempts per 5 minutes per IP.</summary>
    public int ConnectAttemptsPerWindow { get; init; } = 300;

    public TimeSpan ConnectAttemptWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The REST request weight the connector lets itself use per minute, compared with <c>X-MBX-USED-WEIGHT-1m</c>.
    /// Null: the venue's limit (spot 6000, futures 2400) less a margin for other clients on the IP.
    /// </summary>
    public int? RestWeightPerMinute { get; init; }

    public TimeSpan RestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait before retrying a failed snapshot request (not a 429/418, which waits Retry-After).</summary>
    public TimeSpan SnapshotRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Levels asked of the REST depth snapshot.</summary>
    public int SnapshotDepth { get; init; } = 1000;

    /// <summary>Frames and REST results queued between the sockets and the state machine.</summary>
    public int InputBuffer { get; init; } = 8192;

    /// <summary>Notices queued for a slow consumer before the socket reads back off.</summary>
    public int NoticeBuffer { get; init; } = 1024;
}
