using OsInstall.Common.Engine;

namespace OsInstall.Components.Prepare;

/// <summary>The secrets prepare writes into files (never into commands).</summary>
internal static class PrepareSecrets
{
    public const string AdminPassword = "admin_password";
    public const string DemoPassword = "demo_password";
    public const string CephAdminKey = "ceph_admin_key";
    public const string CephClientKey = "ceph_client_key";

    public static readonly IReadOnlyList<string> All = [AdminPassword, DemoPassword, CephAdminKey, CephClientKey];

    /// <summary>
    /// A dry run must list every file even before the operator pasted the external Ceph keys in;
    /// a real run fails with the secret store's message naming the missing secret.
    /// </summary>
    public static string Get(ComponentContext ctx, string name) =>
        ctx.Secrets.TryGet(name, out var value) ? value
        : ctx.DryRun ? $"MISSING-SECRET-{name}"
        : ctx.Secrets.Get(name);
}
