namespace Hrm.Cli.Tests;

/// <summary>
/// Tests that swap <see cref="Console.Out"/> (every <see cref="CliRunner"/> test) or set the process environment
/// (HRM_NODE, HRM_TOKEN) run one at a time, and not beside tests of other collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
