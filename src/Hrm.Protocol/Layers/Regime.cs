namespace Hrm.Protocol.Layers;

/// <summary>The seed's macro regimes.</summary>
public enum Regime : byte
{
    Trending = 0,
    MeanReverting = 1,
    Volatile = 2,
    Accumulation = 3,
}

/// <summary>The seed's micro signal types.</summary>
public enum MicroSignalType : byte
{
    Flow = 0,
    Book = 1,
    Latency = 2,
}

public static class LayerNames
{
    public static string Name(this Regime regime) => regime switch
    {
        Regime.Trending => "trending",
        Regime.MeanReverting => "mean_reverting",
        Regime.Volatile => "volatile",
        Regime.Accumulation => "accumulation",
        _ => throw new ArgumentOutOfRangeException(nameof(regime), regime, null),
    };

    public static string Name(this MicroSignalType type) => type switch
    {
        MicroSignalType.Flow => "flow",
        MicroSignalType.Book => "book",
        MicroSignalType.Latency => "latency",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
