namespace OsInstall.Tests.OpenStack;

/// <summary>The checker's test classes run one after the other: each run loads a service's definitions (CPU-heavy on a small machine).</summary>
[CollectionDefinition(Name)]
public sealed class OsloCheckerCollection
{
    public const string Name = "oslo-config-checker";
}
