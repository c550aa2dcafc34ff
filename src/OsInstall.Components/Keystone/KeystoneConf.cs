using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Components.OpenStack;

namespace OsInstall.Components.Keystone;

/// <summary>keystone.conf from the config: syslog facility, memcached cache, database URLs, token provider and key repositories.</summary>
internal static class KeystoneConf
{
    public const string Template = "Keystone/templates/keystone.conf.sbn";

    /// <summary>keystone's default: the primary, the secondary and the staged key.</summary>
    public const int MaxActiveKeys = 3;

    public static string Render(ComponentContext ctx, DatabaseUrls urls) =>
        ctx.Render(Template, new
        {
            Facility = SyslogFacility.For(ctx.Config, KeystoneInstaller.ServiceName),
            MemcacheServers = string.Join(',', ClusterEndpoints.MemcachedServers(ctx.Config)),
            CredentialKeys = KeystonePaths.CredentialKeys + "/",
            FernetKeys = KeystonePaths.FernetKeys + "/",
            MaxActiveKeys,
            Connection = urls.Connection,
            SlaveConnection = urls.SlaveConnection,
            Jws = KeystoneKeys.UsesJws(ctx.Config),
            JwsPrivateKeys = KeystonePaths.JwsPrivateKeys,
            JwsPublicKeys = KeystonePaths.JwsPublicKeys,
            TokenProvider = ctx.Config.Openstack.KeystoneTokenProvider,
        });
}
