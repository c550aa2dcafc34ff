using OsInstall.Common.Config;
using OsInstall.Common.Targets;
using OsInstall.Common.Targets.Ssh;

namespace OsInstall.Cli.Services;

/// <summary>The real hosts: SSH to each, the first controller locally when configured so.</summary>
public static class TargetProviderFactory
{
    public static ITargetProvider Create(ClusterConfig config, Settings settings) =>
        new SshTargetProvider(config, settings.AcceptNewHostKeys);
}
