using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Hrm.Testing;
using k8s;
using k8s.Models;

namespace Hrm.Deploy.Tests;

/// <summary>
/// One kustomization under k8s/ rendered offline with <c>kubectl kustomize</c> and loaded strictly (an unknown or
/// misspelled field fails the load) into the typed Kubernetes models.
/// </summary>
public sealed partial class Rendering
{
    private static readonly Dictionary<string, Rendering> Cache = [];
    private static readonly Lock CacheLock = new();

    private Rendering(string kustomization, string yaml, IReadOnlyList<object> objects)
    {
        Kustomization = kustomization;
        Yaml = yaml;
        Objects = objects;
    }

    /// <summary>The kustomization directory, relative to the repository root (k8s/base, k8s/overlays/postgres...).</summary>
    public string Kustomization { get; }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    /// <summary>k8s/base and every k8s/overlays/* directory holding a kustomization.yaml.</summary>
    public static IReadOnlyList<string> Kustomizations()
    {
        var k8s = Path.Combine(SharedData.RepositoryRoot, "k8s");
        var overlays = Directory.Exists(Path.Combine(k8s, "overlays"))
            ? Directory.GetDirectories(Path.Combine(k8s, "overlays")).Where(d => File.Exists(Path.Combine(d, "kustomization.yaml")))
            : [];
        return [.. new[] { Path.Combine(k8s, "base") }.Concat(overlays.Order(StringComparer.Ordinal))
            .Select(d => Path.GetRelativePath(SharedData.RepositoryRoot, d).Replace('\\', '/'))];
    }

    public static Rendering Of(string kustomization)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(kustomization, out var rendering))
            {
                var yaml = Render(kustomization);
                rendering = new Rendering(kustomization, yaml, KubernetesYaml.LoadAllFromString(yaml, strict: true));
                Cache[kustomization] = rendering;
            }

            return rendering;
        }
    }

    /// <summary>Runs <c>kubectl kustomize</c> (offline) and returns the rendered multi-document YAML.</summary>
    public static string Render(string kustomization)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            WorkingDirectory = SharedData.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(kustomization);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kubectl is needed to render the kustomizations (kubectl kustomize, offline): " + e.Message, e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl kustomize {kustomization} did not finish within 60 s");
            }

            Task.WaitAll(stdout, stderr);
            return process.ExitCode == 0
                ? stdout.Result
                : throw new InvalidOperationException($"kubectl kustomize {kustomization} failed ({process.ExitCode}): {stderr.Result}");
        }
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public V1StatefulSet StatefulSet(string name) => Single<V1StatefulSet>(name, s => s.Metadata.Name);

    public V1Service Service(string name) => Single<V1Service>(name, s => s.Metadata.Name);

    public V1ConfigMap ConfigMap(string name) => Single<V1ConfigMap>(name, c => c.Metadata.Name);

    public V1Secret Secret(string name) => Single<V1Secret>(name, s => s.Metadata.Name);

    private T Single<T>(string name, Func<T, string> nameOf)
    {
        var found = All<T>().Where(o => nameOf(o) == name).ToList();
        Assert.True(found.Count == 1, $"{Kustomization}: expected one {typeof(T).Name} named {name}, found {found.Count}");
        return found[0];
    }

    public string? SecretValue(string name, string key)
    {
        var secret = Secret(name);
        if (secret.StringData?.TryGetValue(key, out var text) == true)
        {
            return text;
        }

        return secret.Data?.TryGetValue(key, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
    }

    /// <summary>
    /// A container's environment as the kubelet would give it to the pod <paramref name="podName"/>: envFrom first,
    /// then env in order, with values from ConfigMaps, Secrets and the downward API (metadata.name/namespace) and
    /// <c>$(VAR)</c> expanded from the variables defined before. A value that cannot be resolved is null.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Environment(V1StatefulSet set, V1Container container, string podName)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var order = new List<string>();
        void Set(string name, string? value)
        {
            if (!values.ContainsKey(name))
            {
                order.Add(name);
            }

            values[name] = value;
        }

        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } cm)
            {
                foreach (var (key, value) in ConfigMap(cm.Name).Data ?? new Dictionary<string, string>())
                {
                    Set(source.Prefix + key, value);
                }
            }
            else if (source.SecretRef is { } sr)
            {
                var secret = Secret(sr.Name);
                foreach (var key in (secret.StringData?.Keys ?? []).Concat(secret.Data?.Keys ?? []).Distinct())
                {
                    Set(source.Prefix + key, SecretValue(sr.Name, key));
                }
            }
        }

        foreach (var env in container.Env ?? [])
        {
            string? value;
            if (env.ValueFrom is null)
            {
                value = Expand(env.Value ?? "", values);
            }
            else if (env.ValueFrom.ConfigMapKeyRef is { } cmRef)
            {
                value = ConfigMap(cmRef.Name).Data?.TryGetValue(cmRef.Key, out var v) == true ? v : null;
            }
            else if (env.ValueFrom.SecretKeyRef is { } secretRef)
            {
                value = SecretValue(secretRef.Name, secretRef.Key);
            }
            else if (env.ValueFrom.FieldRef is { } fieldRef)
            {
                value = fieldRef.FieldPath switch
                {
                    "metadata.name" => podName,
                    "metadata.namespace" => set.Metadata.NamespaceProperty,
                    _ => null,
                };
            }
            else
            {
                value = null;
            }

            Set(env.Name, value);
        }

        return [.. order.Select(n => KeyValuePair.Create(n, values[n]))];
    }

    /// <summary>Kubernetes' dependent variable expansion: <c>$(NAME)</c> of a variable defined before, <c>$$</c> is <c>$</c>.</summary>
    public static string Expand(string value, IReadOnlyDictionary<string, string?> defined) =>
        Reference().Replace(value, m => m.Value == "$$" ? "$"
            : defined.TryGetValue(m.Groups[1].Value, out var v) && v is not null ? v : m.Value);

    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex Reference();
}
