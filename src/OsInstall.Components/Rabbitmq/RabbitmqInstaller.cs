using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Secrets;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Components.Rabbitmq;

/// <summary>
/// The RabbitMQ cluster in containers rabbitmq-1..3, as the original's rabbitmq-install.sh: the
/// generic-unix release on Alpine's Erlang in rabbitmq-1 (cloned to the others), then per node its
/// rabbitmq.conf, rabbitmq-env.conf (node rabbit@rabbitmq-N), the Erlang cookie from the secrets,
/// and the OpenRC service; nodes 2 and 3 join node 1; the openstack user gets full permissions on /.
/// </summary>
public sealed class RabbitmqInstaller : IComponent
{
    public const string CookieSecret = "rabbitmq_erlang_cookie";

    /// <summary>What Erlang accepts in .erlang.cookie (read back by erl in the tests): printable ASCII, made an atom (at most 255 characters).</summary>
    public static SecretFormat CookieFormat { get; } = new(
        "at most 255 printable ASCII characters (Erlang refuses any other character in .erlang.cookie and makes the cookie an atom)",
        v => v.Length <= 255 && v.All(c => c is >= ' ' and <= '~'));
    public const string Vhost = "/";

    /// <summary>Inside rabbitmq-1 only while the user step runs (tmpfs).</summary>
    public const string PasswordFile = "/run/osinstall-rabbitmq-password";

    private static readonly OpenRcService Service = new(RabbitmqFiles.ServiceName);

    public string Name => "rabbitmq";

    public int Order => 50;

    public string Description => "RabbitMQ cluster in containers rabbitmq-1..3: the openstack user, nodes 2 and 3 joined to node 1";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public IEnumerable<string> RequiredSecrets(ClusterConfig config) => [CookieSecret, ClusterEndpoints.RabbitmqPasswordSecret];

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var platform = ContainerPlatforms.For(ctx);
        var release = RabbitmqRelease.From(ctx.Config);
        var members = ContainerSet.Members(ctx.Config, ClusterEndpoints.RabbitmqSet);
        foreach (var phase in ContainerSet.Phases(ctx, platform, ClusterEndpoints.RabbitmqSet, t => ProvisionAsync(t, release)))
        {
            yield return phase;
        }
        yield return new Phase("rabbitmq-nodes", members
            .Select(m => new Step($"{m.Container}-node@{m.Host}", m.Host, s => NodeAsync(s, Container(s, m, platform), m, release)))
            .ToList());
        var ctl = new RabbitmqCtl(release.Ctl);
        var first = RabbitmqNode.NodeNameOf(members[0].Container);
        // One at a time, as the original: each join resets the joining node and changes the cluster.
        foreach (var m in members.Skip(1))
        {
            yield return Phase.On($"{m.Container}-join", m.Host, s => Container(s, m, platform).RunCheckedAsync(ctl.Join(first), s.Cancellation));
        }
        yield return Phase.On("openstack-user", members[0].Host, s => UserAsync(s, Container(s, members[0], platform), ctl));
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx) =>
        ContainerSet.UninstallPhases(ctx, ContainerPlatforms.For(ctx), ClusterEndpoints.RabbitmqSet);

    /// <summary>
    /// Asks node 1 for the cluster status and expects every member's node among the running nodes.
    /// (On the simulated cluster no RabbitMQ runs: the lxc-attach stand-in answers what a test gives it.)
    /// </summary>
    public async Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct)
    {
        var release = RabbitmqRelease.From(ctx.Config);
        var members = ContainerSet.Members(ctx.Config, ClusterEndpoints.RabbitmqSet);
        var host = await ctx.TargetAsync(members[0].Host, ct).ConfigureAwait(false);
        var target = new ContainerTarget(host, members[0].Container, ContainerPlatforms.For(ctx).Lxc);
        var status = await target.RunAsync(new RabbitmqCtl(release.Ctl).ClusterStatus, ct).ConfigureAwait(false);
        var running = status.Succeeded ? RabbitmqCtl.RunningNodes(status.StdOut) : [];
        return HealthReport.From(members.Select(m =>
        {
            var node = RabbitmqNode.NodeNameOf(m.Container);
            var ok = running.Contains(node, StringComparer.Ordinal);
            var detail = status.Succeeded
                ? $"running nodes seen from {members[0].Container}: {(running.Count == 0 ? "none" : string.Join(", ", running))}"
                : $"cluster_status on {members[0].Container} failed (exit {status.ExitCode}): {status.StdErr.Trim()}";
            return new HealthCheck(m.Host, $"{node} running in the cluster", ok, detail);
        }));
    }

    private static ContainerTarget Container(StepContext step, ContainerMember member, ContainerPlatform platform) =>
        new(step.Target, member.Container, platform.Lxc);

    /// <summary>In rabbitmq-1 before it is cloned: Erlang, the release, the rabbitmq user and its directories. No node state.</summary>
    private static async Task ProvisionAsync(ContainerTarget target, RabbitmqRelease release)
    {
        await target.RunCheckedAsync(release.PackagesCommand).ConfigureAwait(false);
        await target.RunCheckedAsync(release.InstallCommand).ConfigureAwait(false);
        await target.RunCheckedAsync(UserCommand).ConfigureAwait(false);
        await target.RunCheckedAsync(DirectoriesCommand).ConfigureAwait(false);
    }

    private static string UserCommand =>
        "{ grep -q '^rabbitmq:' /etc/group || addgroup -S rabbitmq; } && " +
        $"{{ grep -q '^rabbitmq:' /etc/passwd || {Sh.Join("adduser", "-S", "-D", "-H", "-h", RabbitmqNode.DataDir, "-G", "rabbitmq", "-g", "rabbitmq", "-s", "/sbin/nologin", "rabbitmq")}; }}";

    private static string DirectoriesCommand =>
        $"for d in {Sh.Join(RabbitmqNode.DataDir, RabbitmqNode.DataDir + "/mnesia", RabbitmqNode.LogDir)}; do " +
        "[ -d \"$d\" ] || install -d -o rabbitmq -g rabbitmq -m 0750 \"$d\" || exit 1; done";

    /// <summary>One node's files and its service, running with them (restarted when one changed).</summary>
    private static async Task NodeAsync(StepContext step, ContainerTarget node, ContainerMember member, RabbitmqRelease release)
    {
        var ct = step.Cancellation;
        var templates = step.Component.Templates;
        var cookie = step.Secrets.Get(CookieSecret);
        var changed = false;
        changed |= await node.WriteFileAsync(release.ConfPath, RabbitmqFiles.RenderConf(templates), new FileSpec("0640", "root", "rabbitmq"), ct).ConfigureAwait(false);
        changed |= await node.WriteFileAsync(release.EnvPath, RabbitmqFiles.RenderEnv(templates, RabbitmqNode.For(member, release)), new FileSpec("0644"), ct).ConfigureAwait(false);
        changed |= await node.WriteFileAsync(RabbitmqFiles.InitScriptPath, RabbitmqFiles.RenderInitScript(templates, release), FileSpec.Executable, ct).ConfigureAwait(false);
        changed |= await node.WriteSecretFileAsync(RabbitmqFiles.CookiePath, cookie, new FileSpec("0400", "rabbitmq", "rabbitmq"), ct).ConfigureAwait(false);
        // rabbitmqctl run as root (by this installer and by operators) authenticates with root's copy.
        await node.WriteSecretFileAsync(RabbitmqFiles.RootCookiePath, cookie, FileSpec.SecretReadOnly, ct).ConfigureAwait(false);
        await node.RunCheckedAsync(Service.EnableAndRun(changed), ct).ConfigureAwait(false);
    }

    /// <summary>The openstack user with its password from the secrets, and configure/write/read on every resource of /.</summary>
    private static async Task UserAsync(StepContext step, ContainerTarget node, RabbitmqCtl ctl)
    {
        var ct = step.Cancellation;
        await node.WriteSecretFileAsync(PasswordFile, step.Secrets.Get(ClusterEndpoints.RabbitmqPasswordSecret), FileSpec.SecretReadOnly, ct).ConfigureAwait(false);
        var ensure = $"{ctl.AwaitStartup} && {ctl.EnsureUser(ClusterEndpoints.RabbitmqUser, PasswordFile)} && {ctl.EnsureFullPermissions(ClusterEndpoints.RabbitmqUser, Vhost)}";
        // The password file goes whatever the outcome: it is only there for this command.
        await node.RunCheckedAsync($"{{ {ensure}; }}; rc=$?; rm -f {Sh.Quote(PasswordFile)}; [ \"$rc\" -eq 0 ]", ct).ConfigureAwait(false);
    }
}
