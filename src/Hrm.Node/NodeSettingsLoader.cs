using Akka.Actor;
using Microsoft.Extensions.Configuration;

namespace Hrm.Node;

/// <summary>Binds <see cref="NodeSettings"/> from configuration and rejects values the node cannot run with.</summary>
public static class NodeSettingsLoader
{
    /// <summary>Binds and validates; throws <see cref="InvalidNodeSettingsException"/> with a one-line reason.</summary>
    public static NodeSettings Load(IConfiguration configuration)
    {
        NodeSettings settings;
        try
        {
            settings = configuration.GetSection(NodeSettings.Section).Get<NodeSettings>(o => o.ErrorOnUnknownConfiguration = false)
                ?? new NodeSettings();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the value it could not convert; keep its first line.
            throw new InvalidNodeSettingsException(FirstLine(e.InnerException?.Message is { } inner ? $"{e.Message} {inner}" : e.Message));
        }

        var errors = Validate(settings);
        return errors.Count == 0 ? settings : throw new InvalidNodeSettingsException(string.Join("; ", errors));
    }

    public static IReadOnlyList<string> Validate(NodeSettings s)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(s.ActorSystemName) || !ActorPath.IsValidPathElement(s.ActorSystemName))
        {
            errors.Add($"Hrm:ActorSystemName '{s.ActorSystemName}' is not a valid actor system name");
        }

        if (string.IsNullOrWhiteSpace(s.Hostname))
        {
            errors.Add("Hrm:Hostname is empty");
        }

        if (s.Port is < 0 or > 65535)
        {
            errors.Add($"Hrm:Port {s.Port} is out of range 0-65535");
        }

        foreach (var seed in s.SeedNodes)
        {
            if (!Address.TryParse(seed, out var address) || address.Port is null)
            {
                errors.Add($"Hrm:SeedNodes entry '{seed}' is not an Akka address like akka.tcp://{s.ActorSystemName}@host:4053");
            }
            else if (address.System != s.ActorSystemName)
            {
                errors.Add($"Hrm:SeedNodes entry '{seed}' names actor system '{address.System}', not '{s.ActorSystemName}'");
            }
        }

        if (s.Roles.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Hrm:Roles has an empty role");
        }

        Positive(errors, "Hrm:ShutdownTimeout", s.ShutdownTimeout);
        Positive(errors, "Hrm:Cluster:StableAfter", s.Cluster.StableAfter);
        Positive(errors, "Hrm:Cluster:AcceptableHeartbeatPause", s.Cluster.AcceptableHeartbeatPause);

        if (!JournalOptions.KnownProviders.Contains(s.Journal.Provider, StringComparer.Ordinal))
        {
            errors.Add($"Hrm:Journal:Provider '{s.Journal.Provider}' is unknown (use one of {string.Join(", ", JournalOptions.KnownProviders)})");
        }

        if (string.IsNullOrWhiteSpace(s.Journal.ConnectionString))
        {
            errors.Add("Hrm:Journal:ConnectionString is empty");
        }

        if (s.Symbols.SnapshotEveryEvents <= 0)
        {
            errors.Add($"Hrm:Symbols:SnapshotEveryEvents {s.Symbols.SnapshotEveryEvents} must be positive");
        }

        try
        {
            s.Symbols.LoadModel();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            errors.Add($"Hrm:Symbols:ModelFile '{s.Symbols.ModelFile}': {e.Message.ReplaceLineEndings(" ")}");
        }

        if (!System.Net.IPAddress.TryParse(s.Api.Host, out _))
        {
            errors.Add($"Hrm:Api:Host '{s.Api.Host}' is not an IP address (0.0.0.0 for every interface)");
        }

        if (s.Api.Port is < 0 or > 65535)
        {
            errors.Add($"Hrm:Api:Port {s.Api.Port} is out of range 0-65535");
        }

        Positive(errors, "Hrm:Api:AskTimeout", s.Api.AskTimeout);
        if (s.Feeds.WarmupDays is < 0 or > 3650)
        {
            errors.Add($"Hrm:Feeds:WarmupDays {s.Feeds.WarmupDays} is out of range 0-3650");
        }

        var binance = s.Feeds.Binance;
        foreach (var (key, url, schemes) in new[]
        {
            ("SpotWs", binance.SpotWs, "ws wss"), ("UsdmWs", binance.UsdmWs, "ws wss"), ("CoinmWs", binance.CoinmWs, "ws wss"),
            ("SpotRest", binance.SpotRest, "http https"), ("UsdmRest", binance.UsdmRest, "http https"), ("CoinmRest", binance.CoinmRest, "http https"),
        })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !schemes.Split(' ').Contains(uri.Scheme))
            {
                errors.Add($"Hrm:Feeds:Binance:{key} '{url}' must be an absolute {schemes.Replace(" ", " or ")} URL");
            }
        }

        Positive(errors, "Hrm:Feeds:Binance:NoDataTimeout", binance.NoDataTimeout);
        return errors;
    }

    /// <summary>
    /// The API's bearer token: <c>Hrm:Api:Token</c>, else the trimmed content of <c>Hrm:Api:TokenFile</c>. A node
    /// without one does not start (its API would be open to anyone who reaches the port).
    /// </summary>
    public static string ResolveApiToken(ApiOptions api)
    {
        if (!string.IsNullOrWhiteSpace(api.Token))
        {
            return api.Token.Trim();
        }

        if (string.IsNullOrWhiteSpace(api.TokenFile))
        {
            throw new InvalidNodeSettingsException(
                "no API token: set Hrm:Api:Token (HRM__Api__Token) or Hrm:Api:TokenFile (HRM__Api__TokenFile, a file holding the token, e.g. a mounted secret)");
        }

        string token;
        try
        {
            token = File.ReadAllText(api.TokenFile).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidNodeSettingsException($"Hrm:Api:TokenFile '{api.TokenFile}' cannot be read: {FirstLine(e.Message)}");
        }

        return token.Length > 0 ? token : throw new InvalidNodeSettingsException($"Hrm:Api:TokenFile '{api.TokenFile}' is empty");
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} {value} must be positive (format hh:mm:ss)");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

public sealed class InvalidNodeSettingsException(string message) : Exception(message);
