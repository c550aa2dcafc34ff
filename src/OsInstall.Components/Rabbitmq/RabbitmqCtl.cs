using System.Text.Json;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Rabbitmq;

/// <summary>
/// The rabbitmqctl commands the component sends, each one shell command that checks before it
/// acts (a rerun changes nothing). The same strings run against real RabbitMQ nodes in the tests,
/// so this class is the one place they are written. rabbitmqctl talks to the node named in
/// rabbitmq-env.conf (or RABBITMQ_NODENAME) with the Erlang cookie of the user that runs it.
/// Passwords never go on a command line: rabbitmqctl reads them from standard input, redirected
/// from a file the caller wrote.
/// </summary>
public sealed class RabbitmqCtl(string executable)
{
    public string Executable { get; } = executable;

    /// <summary>Waits until the local node has booted (or fails after rabbitmqctl's timeout).</summary>
    public string AwaitStartup => Ctl("await_startup");

    /// <summary>The cluster as the local node sees it, as JSON (see <see cref="RunningNodes"/>).</summary>
    public string ClusterStatus => Ctl("-q", "cluster_status", "--formatter", "json");

    /// <summary>
    /// Makes the local node a member of <paramref name="firstNode"/>'s cluster: skipped when the
    /// local node already knows it as a cluster member; otherwise the local node's (empty) state is
    /// reset and it joins, as the original does with stop_app, reset, join_cluster, start_app.
    /// </summary>
    public string Join(string firstNode) =>
        $"{AwaitStartup} && {{ {ClusterStatus} | grep -qF {Sh.Quote(JsonString(firstNode))} || " +
        $"{{ {Ctl("stop_app")} && {Ctl("reset")} && {Ctl("join_cluster", firstNode)} && {Ctl("start_app")}; }}; }}";

    /// <summary>
    /// Creates <paramref name="user"/> with the password in <paramref name="passwordFile"/>, or sets
    /// that password when the user exists and does not authenticate with it.
    /// </summary>
    public string EnsureUser(string user, string passwordFile)
    {
        var pw = Sh.Quote(passwordFile);
        return $"if {Ctl("-q", "list_users", "--formatter", "json")} | grep -qF {Sh.Quote($"\"user\":{JsonString(user)}")}; then " +
               $"{Ctl("-q", "authenticate_user", user)} < {pw} >/dev/null 2>&1 || {Ctl("change_password", user)} < {pw}; " +
               $"else {Ctl("add_user", user)} < {pw}; fi";
    }

    /// <summary>Grants <paramref name="user"/> configure, write and read on every resource of <paramref name="vhost"/> unless it has exactly that.</summary>
    public string EnsureFullPermissions(string user, string vhost)
    {
        var want = $"{{\"vhost\":{JsonString(vhost)},\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}}";
        // Braced: it composes with && like a single command.
        return $"{{ {Ctl("-q", "list_user_permissions", user, "--formatter", "json")} | grep -qF {Sh.Quote(want)} || " +
               $"{Ctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*")}; }}";
    }

    // Queries run quiet (-q: only their answer); what changes something says so in the install log.

    /// <summary>The running nodes in a <see cref="ClusterStatus"/> answer (its first JSON object).</summary>
    public static IReadOnlyList<string> RunningNodes(string clusterStatusJson)
    {
        var line = clusterStatusJson.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            return [];
        }
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty("running_nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array
                ? nodes.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private string Ctl(params string[] args) => Sh.Join([Executable, .. args]);

    private static string JsonString(string value) => JsonSerializer.Serialize(value);
}
