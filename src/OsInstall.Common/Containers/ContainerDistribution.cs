namespace OsInstall.Common.Containers;

/// <summary>
/// What a container set runs: Alpine (every container but one: apk, OpenRC) or Ubuntu (MariaDB
/// Galera only, whose provider library is not built for Alpine: apt, systemd).
/// </summary>
public enum ContainerDistribution
{
    Alpine,
    Ubuntu,
}
