namespace OsInstall.Common.Containers;

public sealed class ContainerNotFoundException(string container)
    : Exception($"no controller has a container named '{container}'")
{
    public string Container { get; } = container;
}
