using OsInstall.Common.Config;
using OsInstall.Common.Engine;

namespace OsInstall.Tests.Engine;

/// <summary>A component whose steps run given shell commands on two hosts and record what ran.</summary>
public sealed class ScriptedComponent(string name, int order, params string[] commands) : IComponent
{
    public List<string> Ran { get; } = [];
    public bool Healthy { get; set; } = true;
    public string Name { get; } = name;
    public int Order { get; } = order;
    public string Description => "test";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => ["h1", "h2"];

    public IEnumerable<Phase> Install(ComponentContext ctx) =>
        commands.Select((cmd, i) => Phase.PerHost($"step{i}", ["h1", "h2"], async s =>
        {
            await s.Run(cmd);
            lock (Ran)
            {
                Ran.Add($"{s.Target.Name}:step{i}");
            }
        }));

    public IEnumerable<Phase> Uninstall(ComponentContext ctx) =>
        [Phase.On("remove", "h1", async s =>
        {
            await s.Run("true");
            lock (Ran)
            {
                Ran.Add("h1:remove");
            }
        })];

    public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) =>
        Task.FromResult(HealthReport.From([new HealthCheck("h1", "scripted", Healthy, Healthy ? "" : "unhealthy")]));
}
