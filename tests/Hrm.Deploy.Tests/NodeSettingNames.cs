using System.Collections;
using System.Reflection;
using Hrm.Node;

namespace Hrm.Deploy.Tests;

/// <summary>
/// The environment variable names the node binds, from its settings type: every public settable property of
/// <see cref="NodeSettings"/>, recursively, as <c>HRM__Section__Key</c>, arrays and lists as <c>HRM__Key__{index}</c>.
/// </summary>
public static class NodeSettingNames
{
    public const string Prefix = "HRM";

    /// <summary>Name patterns: <c>HRM__Journal__Provider</c>, <c>HRM__SeedNodes__{i}</c>.</summary>
    public static IReadOnlyList<string> Patterns { get; } = [.. Walk(typeof(NodeSettings), Prefix, [])];

    /// <summary>True when <paramref name="name"/> is a setting the node binds (exact spelling, any array index).</summary>
    public static bool IsSetting(string name) => Patterns.Any(p => Matches(p, name));

    private static bool Matches(string pattern, string name)
    {
        var p = pattern.Split("__");
        var n = name.Split("__");
        return p.Length == n.Length && p.Zip(n, (expected, actual) => expected == "{i}"
            ? actual.Length > 0 && actual.All(char.IsAsciiDigit)
            : string.Equals(expected, actual, StringComparison.Ordinal)).All(ok => ok);
    }

    private static IEnumerable<string> Walk(Type type, string prefix, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var settable = property.SetMethod is { IsPublic: true };
            var complex = !IsLeaf(property.PropertyType) && ElementType(property.PropertyType) is null;

            // The binder sets public setters, and binds into get-only objects it can reach (not get-only lists).
            if (!settable && !complex)
            {
                continue;
            }

            var name = prefix + "__" + property.Name;
            foreach (var child in Names(property.PropertyType, name, seen))
            {
                yield return child;
            }
        }

        seen.Remove(type);
    }

    private static IEnumerable<string> Names(Type type, string name, HashSet<Type> seen)
    {
        if (IsLeaf(type))
        {
            return [name];
        }

        if (ElementType(type) is { } element)
        {
            return Names(element, name + "__{i}", seen);
        }

        return Walk(type, name, seen);
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType
            ? type.GetGenericArguments()[^1]
            : null;
    }

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Uri) || type == typeof(Guid);
    }

    /// <summary>A setting's effective value by its configuration path (<c>Api:Port</c>), or null when the node has none.</summary>
    public static object? Value(NodeSettings settings, string path)
    {
        object? current = settings;
        foreach (var part in path.Split(':'))
        {
            var property = current?.GetType().GetProperty(part, BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                return null;
            }

            current = property.GetValue(current);
        }

        return current;
    }
}
