using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.Prepare;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// The openstack client as the original uses it: on controller-1, with the admin credentials of
/// /root/admin-openrc (written by prepare), against keystone through the haproxy VIP. Every
/// "ensure" is one command that looks first and creates only what is missing.
/// </summary>
public static class OpenStackCli
{
    public const string AdminOpenrc = PreparePaths.AdminOpenrc;

    /// <summary>Where a password waits for the one command that reads it (0600, removed right after).</summary>
    public const string SecretDir = "/root/.osinstall";

    /// <summary>". /root/admin-openrc &amp;&amp; openstack words..."</summary>
    public static string Admin(params string[] words) => $". {Sh.Quote(AdminOpenrc)} && {Sh.Join(["openstack", .. words])}";

    /// <summary>Runs <paramref name="create"/> unless <paramref name="show"/> finds the object (show exits non-zero for a missing one).</summary>
    public static string EnsureExists(string[] show, string create) =>
        $". {Sh.Quote(AdminOpenrc)} && {{ {Sh.Join(["openstack", .. show])} >/dev/null 2>&1 || {create}; }}";

    public static string EnsureExists(string[] show, string[] create) => EnsureExists(show, Sh.Join(["openstack", .. create]));

    /// <summary>Adds the role unless the assignment is listed.</summary>
    public static string EnsureRole(string project, string user, string role) =>
        $". {Sh.Quote(AdminOpenrc)} && {{ [ -n \"$({Sh.Join("openstack", "role", "assignment", "list", "--project", project, "--user", user, "--role", role, "--names", "-f", "value", "-c", "Role")})\" ] || " +
        $"{Sh.Join("openstack", "role", "add", "--project", project, "--user", user, role)}; }}";

    /// <summary>Creates the endpoint when the service has none on that interface in the region; points an existing one at <paramref name="url"/> when it differs.</summary>
    public static string EnsureEndpoint(string region, string service, string @interface, string url) =>
        $". {Sh.Quote(AdminOpenrc)} && {{ " +
        $"set -- $({Sh.Join("openstack", "endpoint", "list", "--region", region, "--service", service, "--interface", @interface, "-f", "value", "-c", "ID", "-c", "URL")}); " +
        $"if [ \"$#\" -eq 0 ]; then {Sh.Join("openstack", "endpoint", "create", "--region", region, service, @interface, url)}; " +
        $"elif [ \"$2\" != {Sh.Quote(url)} ]; then {Sh.Join("openstack", "endpoint", "set", "--url", url)} \"$1\"; fi; }}";

    /// <summary>Deletes every endpoint of the service in the region, then the service, if they exist.</summary>
    public static string RemoveService(string region, string service) =>
        $". {Sh.Quote(AdminOpenrc)} && {{ " +
        $"for id in $({Sh.Join("openstack", "endpoint", "list", "--region", region, "--service", service, "-f", "value", "-c", "ID")} 2>/dev/null); do {Sh.Join("openstack", "endpoint", "delete")} \"$id\" || exit 1; done; " +
        $"! {Sh.Join("openstack", "service", "show", service)} >/dev/null 2>&1 || {Sh.Join("openstack", "service", "delete", service)}; }}";

    /// <summary>Deletes the object if <c>show</c> finds it.</summary>
    public static string RemoveIfExists(string kind, string name, params string[] scope) =>
        $". {Sh.Quote(AdminOpenrc)} && {{ ! {Sh.Join(["openstack", kind, "show", .. scope, name])} >/dev/null 2>&1 || {Sh.Join(["openstack", kind, "delete", .. scope, name])}; }}";

    /// <summary>
    /// Runs a command that reads a secret as "$(cat &lt;file&gt;)": the secret goes to a 0600 file
    /// (never into a command line osinstall sends or logs), and the file is removed whatever happens.
    /// </summary>
    public static async Task WithSecretFileAsync(ITarget target, string name, string secret, Func<string, string> command, CancellationToken ct)
    {
        var path = $"{SecretDir}/{name}";
        await target.RunCheckedAsync($"{Sh.Join("mkdir", "-p", SecretDir)} && {Sh.Join("chmod", "0700", SecretDir)}", ct).ConfigureAwait(false);
        try
        {
            await target.WriteFileAsync(path, secret, FileSpec.Secret, ct).ConfigureAwait(false);
            await target.RunCheckedAsync(command($"\"$(cat {Sh.Quote(path)})\""), ct).ConfigureAwait(false);
        }
        finally
        {
            await target.RunAsync(Sh.Join("rm", "-f", path), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A user of the default domain with the secret's password, created if missing; an existing
    /// user's password is left as it is (setting it on every run would be a change every run).
    /// </summary>
    public static async Task EnsureUserAsync(StepContext step, string user, string passwordSecret)
    {
        var found = await step.Target.RunAsync(Admin("user", "show", "--domain", "default", user), step.Cancellation).ConfigureAwait(false);
        if (found.Succeeded)
        {
            return;
        }
        await WithSecretFileAsync(step.Target, $"{user}.password", DryRunStandIns.Secret(step.Component, passwordSecret),
            password => $". {Sh.Quote(AdminOpenrc)} && {Sh.Join("openstack", "user", "create", "--domain", "default", user)} --password {password}",
            step.Cancellation).ConfigureAwait(false);
    }
}
