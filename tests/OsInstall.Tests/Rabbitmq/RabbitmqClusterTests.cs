using OsInstall.Common.OpenStack;
using OsInstall.Common.Shell;
using OsInstall.Components.Rabbitmq;

namespace OsInstall.Tests.Rabbitmq;

/// <summary>
/// A real two-node RabbitMQ cluster from our rendered rabbitmq.conf and rabbitmq-env.conf, joined
/// and given the openstack user by the very command lines the component sends into its containers
/// (<see cref="RabbitmqCtl"/>), run here by sh with each node's environment.
/// </summary>
[Collection(RabbitmqClusterCollection.Name)]
public sealed class RabbitmqClusterTests(RabbitmqClusterFixture cluster)
{
    [Fact]
    public async Task Our_rendered_config_boots_both_nodes_and_logs_to_the_console()
    {
        foreach (var node in new[] { cluster.Node1, cluster.Node2 })
        {
            var (exit, output) = await node.RunAsync(node.Commands.AwaitStartup);
            Assert.True(exit == 0, output);
            // rabbitmq-env.conf named the node and its directories.
            Assert.True(Directory.Exists(Path.Combine(node.Node.MnesiaBase, node.Node.NodeName)), $"no mnesia directory of {node.Node.NodeName}");
            Assert.True(Directory.Exists(node.Node.LogBase), "no log directory");
        }
        // The console is what the OpenRC service hands to logger; at level warning a clean boot says little, but the node's banner is there.
        Assert.DoesNotContain("[error]", cluster.Node1.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_key_rabbitmq_does_not_know_keeps_the_node_from_booting_and_the_start_check_says_so()
    {
        using var bad = cluster.NewNode("rabbitbad", "no_such_setting.at_all = 1\n");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(bad.StartAsync);
        Assert.Contains("did not boot", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_setting", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_2_joins_node_1_with_our_join_command_and_running_it_again_changes_nothing()
    {
        var join = cluster.Node2.Commands.Join(cluster.Node1.Node.NodeName);
        var (exit, output) = await cluster.Node2.RunAsync(join);
        Assert.True(exit == 0, output);

        // Both nodes see one cluster of two running nodes, read by the parser the health check uses.
        foreach (var node in new[] { cluster.Node1, cluster.Node2 })
        {
            var status = await node.RunAsync(node.Commands.ClusterStatus);
            Assert.True(status.Exit == 0, status.Output);
            Assert.Equal(
                new[] { cluster.Node1.Node.NodeName, cluster.Node2.Node.NodeName },
                RabbitmqCtl.RunningNodes(status.Output).Order(StringComparer.Ordinal));
        }

        // Check-then-act: already a member, so no stop_app/reset/join this time.
        var again = await cluster.Node2.RunAsync(join);
        Assert.True(again.Exit == 0, again.Output);
        Assert.DoesNotContain("Clustering node", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Resetting node", again.Output, StringComparison.Ordinal);
        Assert.Contains("Clustering node", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openstack_user_authenticates_with_its_generated_password_and_has_full_permissions_on_the_root_vhost()
    {
        var node = cluster.Node1;
        var password = RabbitmqTestNode.NewCookie();
        var passwordFile = Path.Combine(node.Dir, "openstack.pw");
        await File.WriteAllTextAsync(passwordFile, password);
        var user = ClusterEndpoints.RabbitmqUser;
        var ensure = $"{node.Commands.EnsureUser(user, passwordFile)} && {node.Commands.EnsureFullPermissions(user, RabbitmqInstaller.Vhost)}";

        var first = await node.RunAsync(ensure);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("Adding user", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await node.RunAsync($"{Sh.Join(RabbitmqTestNode.Ctl, "-q", "authenticate_user", user)} < {Sh.Quote(passwordFile)}")).Exit);
        Assert.NotEqual(0, (await node.RunAsync($"printf wrong-password | {Sh.Join(RabbitmqTestNode.Ctl, "-q", "authenticate_user", user)}")).Exit);
        var permissions = await node.RunAsync(Sh.Join(RabbitmqTestNode.Ctl, "-q", "list_user_permissions", user));
        Assert.Matches(@"(?m)^/\s+\.\*\s+\.\*\s+\.\*\s*$", permissions.Output);

        // Run again: nothing is added, no password changed, no permission set.
        var second = await node.RunAsync(ensure);
        Assert.True(second.Exit == 0, second.Output);
        Assert.DoesNotContain("Adding user", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Changing password", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Setting permissions", second.Output, StringComparison.Ordinal);

        // A new secret: the same command changes the password, and only the new one authenticates.
        var rotated = RabbitmqTestNode.NewCookie();
        await File.WriteAllTextAsync(passwordFile, rotated);
        var third = await node.RunAsync(ensure);
        Assert.True(third.Exit == 0, third.Output);
        Assert.Contains("Changing password", third.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await node.RunAsync($"{Sh.Join(RabbitmqTestNode.Ctl, "-q", "authenticate_user", user)} < {Sh.Quote(passwordFile)}")).Exit);
        await File.WriteAllTextAsync(passwordFile, password);
        Assert.NotEqual(0, (await node.RunAsync($"{Sh.Join(RabbitmqTestNode.Ctl, "-q", "authenticate_user", user)} < {Sh.Quote(passwordFile)}")).Exit);
        // The password never went on a command line the test ran.
        Assert.DoesNotContain(password, ensure, StringComparison.Ordinal);
    }

    /// <summary>
    /// A hostile password (quotes, '$', '%', '\\', '#', ';', URL delimiters), written to the password
    /// file as the installer writes it, is exactly the user's password: rabbitmq authenticates the
    /// exact value given as an argument, and not the value cut at its first quote.
    /// </summary>
    [Fact]
    public async Task A_hostile_password_from_the_password_file_is_exactly_the_users_password()
    {
        var password = OpenStack.OpenStackTestSecrets.HostilePayload;
        Assert.True(RabbitmqPasswordFormat.Accepts(password));
        var (exact, cut) = await StoreAndAuthenticateAsync(password, password, password[..password.IndexOf('\'', StringComparison.Ordinal)]);
        Assert.True(exact.Exit == 0, exact.Output);
        Assert.NotEqual(0, cut.Exit);
        await DeleteUserAsync();
    }

    /// <summary>
    /// Why the secrets reader refuses a rabbitmq_password with spaces at either end: rabbitmqctl
    /// stores what it reads trimmed, so clients sending the secret (oslo.messaging decodes it from
    /// transport_url exactly) would be refused.
    /// </summary>
    [Fact]
    public async Task Rabbitmqctl_trims_the_password_it_reads_so_the_secrets_reader_refuses_surrounding_spaces()
    {
        var password = "  " + OpenStack.OpenStackTestSecrets.HostilePayload + " ";
        Assert.False(RabbitmqPasswordFormat.Accepts(password));
        var (exact, trimmed) = await StoreAndAuthenticateAsync(password, password, password.Trim());
        Assert.NotEqual(0, exact.Exit);
        Assert.True(trimmed.Exit == 0, trimmed.Output);
        await DeleteUserAsync();
    }

    private const string HostileUser = "osinstall_hostile";

    private static Common.Secrets.SecretFormat RabbitmqPasswordFormat =>
        Components.SecretCatalog.All.Single(s => s.Name == ClusterEndpoints.RabbitmqPasswordSecret).Format!;

    /// <summary>The user's password set from a file holding <paramref name="stored"/>; then two authentication attempts.</summary>
    private async Task<((int Exit, string Output) First, (int Exit, string Output) Second)> StoreAndAuthenticateAsync(string stored, string first, string second)
    {
        var node = cluster.Node1;
        var passwordFile = Path.Combine(node.Dir, "hostile.pw");
        await File.WriteAllTextAsync(passwordFile, stored);
        var ensure = await node.RunAsync(node.Commands.EnsureUser(HostileUser, passwordFile));
        Assert.True(ensure.Exit == 0, ensure.Output);
        return (await AuthenticateAsync(first), await AuthenticateAsync(second));
    }

    // The password as an argument: exactly these characters (a test only; the installer never puts one on a command line).
    private Task<(int Exit, string Output)> AuthenticateAsync(string password) =>
        cluster.Node1.RunAsync(Sh.Join(RabbitmqTestNode.Ctl, "-q", "authenticate_user", HostileUser, password));

    private async Task DeleteUserAsync() =>
        Assert.Equal(0, (await cluster.Node1.RunAsync(Sh.Join(RabbitmqTestNode.Ctl, "-q", "delete_user", HostileUser))).Exit);
}
