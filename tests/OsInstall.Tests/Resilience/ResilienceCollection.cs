namespace OsInstall.Tests.Resilience;

[CollectionDefinition(Name)]
public sealed class ResilienceCollection : ICollectionFixture<ResilienceCluster>
{
    public const string Name = "resilience-cluster";
}
