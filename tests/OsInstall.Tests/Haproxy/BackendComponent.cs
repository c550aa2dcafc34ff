using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Components.Haproxy;

namespace OsInstall.Tests.Haproxy;

/// <summary>
/// A test-only component with haproxy backends, as an OpenStack service will be: its install and
/// uninstall are nothing but the haproxy refresh phase.
/// </summary>
internal sealed class BackendComponent(string name, int order, params ServiceBackend[] backends) : IComponent
{
    public string Name => name;
    public int Order => order;
    public string Description => $"{name} (test component with haproxy backends)";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public IEnumerable<ServiceBackend> Backends(ClusterConfig config) => backends;

    public IEnumerable<Phase> Install(ComponentContext ctx) => [HaproxyFrontends.RefreshPhase(ctx, this, installed: true)];

    public IEnumerable<Phase> Uninstall(ComponentContext ctx) => [HaproxyFrontends.RefreshPhase(ctx, this, installed: false)];

    public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) => Task.FromResult(HealthReport.From([]));

    /// <summary>An HTTP API on three containers &lt;set&gt;-1..3 with a health check path.</summary>
    public static ServiceBackend Http(ClusterConfig config, string set, string name, int port, string checkPath) =>
        new(name, port, Servers(config, set, port), BackendMode.Http, checkPath);

    /// <summary>A TCP service (postgres) with a connect check.</summary>
    public static ServiceBackend Tcp(ClusterConfig config, string set, string name, int port) =>
        new(name, port, Servers(config, set, port), BackendMode.Tcp);

    private static List<BackendServer> Servers(ClusterConfig config, string set, int port) =>
        ClusterEndpoints.MemberFqdns(config, set).Select(f => new BackendServer(f.Split('.')[0], f, port)).ToList();
}
