namespace Hrm.Node.Tests;

/// <summary>Tests that set HRM__* process environment variables, and tests that start node processes (which inherit
/// them), must not overlap.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
