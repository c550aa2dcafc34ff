using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.Keepalived;

namespace OsInstall.Tests.Haproxy;

/// <summary>A component context over the shipped config for rendering (no host is reached unless <paramref name="targets"/> gives them).</summary>
internal static class HaproxyTestContext
{
    public const string AuthPass = "Vr7pAss1";

    public static ComponentContext Create(ClusterConfig? config = null, IEnumerable<string>? installed = null, ITargetProvider? targets = null)
    {
        var secrets = new SecretStore();
        secrets.Set(KeepalivedConfig.AuthSecret, AuthPass);
        return new ComponentContext(config ?? Rsyslog.ShippedConfig.Load(), secrets, ComponentCatalog.Templates,
            (host, ct) => targets is null ? throw new InvalidOperationException($"no host in a rendering test ({host})") : targets.GetAsync(host, ct),
            (_, _, _) => Task.CompletedTask, Serilog.Core.Logger.None, dryRun: false)
        {
            InstalledComponents = new HashSet<string>(installed ?? [], StringComparer.Ordinal),
        };
    }
}
