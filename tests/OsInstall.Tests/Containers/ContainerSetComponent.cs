using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;

namespace OsInstall.Tests.Containers;

/// <summary>A component that is nothing but one container set, as rabbitmq or memcached will use it.</summary>
public sealed class ContainerSetComponent(string setName, ContainerPlatform platform, Func<ContainerTarget, Task> provision) : IComponent
{
    public string Name => setName;
    public int Order => 500;
    public string Description => $"container set {setName} (test)";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public IEnumerable<Phase> Install(ComponentContext ctx) => ContainerSet.Phases(ctx, platform, setName, provision);

    public IEnumerable<Phase> Uninstall(ComponentContext ctx) => ContainerSet.UninstallPhases(ctx, platform, setName);

    public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) => Task.FromResult(HealthReport.From([]));
}
