using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Components.Keystone;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// The [keystone_authtoken] values of a service's config (placement, glance, cinder): keystone
/// through the haproxy VIP name, the memcached cluster as the token cache, the service user of the
/// service's <see cref="KeystoneRegistration"/> in the "service" project. Rendered by each
/// service's template as authtoken.* (snake_case members).
/// </summary>
/// <param name="WwwAuthenticateUri">What a client is told to authenticate against (keystone's public endpoint).</param>
/// <param name="AuthUrl">Where the service authenticates its own user (keystone's identity v3 URL).</param>
/// <param name="MemcachedServers">host:port,host:port,... of the memcached containers.</param>
/// <param name="Username">The service's keystone user.</param>
/// <param name="Password">That user's password, escaped for oslo.config.</param>
/// <param name="ProjectName">The project of the service users.</param>
public sealed record ServiceAuthtoken(string WwwAuthenticateUri, string AuthUrl, string MemcachedServers, string Username, string Password, string ProjectName)
{
    public static ServiceAuthtoken For(ComponentContext ctx, KeystoneRegistration registration) =>
        new(KeystoneCatalog.EndpointUrl(ctx.Config, KeystoneInstaller.Port, "/"),
            KeystoneInstaller.IdentityUrl(ctx.Config),
            string.Join(',', ClusterEndpoints.MemcachedServers(ctx.Config)),
            registration.UserName,
            OsloValue.Escape(ctx.Secrets.Get(registration.PasswordSecret)),
            KeystoneCatalog.ServiceProject);
}
