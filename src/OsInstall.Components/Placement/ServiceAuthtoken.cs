using System.Text;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Components.Keystone;
using OsInstall.Components.OpenStack;

namespace OsInstall.Components.Placement;

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

/// <summary>Values written into an oslo.config file.</summary>
public static class OsloValue
{
    /// <summary>
    /// The text that oslo.config reads back as exactly <paramref name="value"/> after "key = ".
    /// oslo.config substitutes "$name" and "${name}" with other options' values, so a literal '$'
    /// is written "$$"; it first turns every "\$" into "$$", so a '$' right after a backslash is
    /// written "\$" instead (the backslash before it then survives). Its parser strips the value's
    /// surrounding whitespace and then one pair of matching quotes, so a value with leading or
    /// trailing whitespace, or that starts and ends with the same quote, is wrapped in double quotes.
    /// Line breaks and other control characters cannot be expressed at all.
    /// </summary>
    public static string Escape(string value)
    {
        var at = PrintableText.FindForbidden(value);
        if (at >= 0)
        {
            throw new ArgumentException($"an oslo.config value cannot hold {PrintableText.Describe(value[at])}", nameof(value));
        }
        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            sb.Append(c != '$' ? c.ToString() : i > 0 && value[i - 1] == '\\' ? "\\$" : "$$");
        }
        var escaped = sb.ToString();
        return NeedsQuotes(value) ? $"\"{escaped}\"" : escaped;
    }

    private static bool NeedsQuotes(string value) =>
        value.Length > 0
        && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || (value[0] is '"' or '\'' && value[^1] == value[0]));
}
