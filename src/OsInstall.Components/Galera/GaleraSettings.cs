using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Ubuntu;

namespace OsInstall.Components.Galera;

/// <summary>The fixed names, paths and packages of the MariaDB Galera cluster.</summary>
public static class GaleraSettings
{
    public const string SetName = ClusterEndpoints.GaleraSet;
    public const string RootPasswordSecret = "mariadb_root_password";
    public const string ConfigSelection = "galera";
    public const int Port = 3306;
    public const string ClusterName = "MariaDB Galera Cluster";

    /// <summary>MariaDB's default SST method, the one the original runs with (it sets none).</summary>
    public const string SstMethod = "rsync";

    /// <summary>Where galera-4 puts the provider library on Ubuntu (MariaDB's and Debian's packages alike).</summary>
    public const string Provider = "/usr/lib/galera/libgalera_smm.so";

    public const string ConfigPath = "/etc/mysql/mariadb.conf.d/60-galera.cnf";
    public const string RepoListPath = "/etc/apt/sources.list.d/mariadb.list";
    public const string RepoKeyPath = "/etc/apt/keyrings/mariadb-keyring.asc";

    /// <summary>Written by a member once it has been part of the cluster (its last committed position).</summary>
    public const string GrastatePath = "/var/lib/mysql/grastate.dat";

    /// <summary>Where a SQL file waits on the controller, 0600, before it is piped into a member (removed right after).</summary>
    public const string SqlSpoolDirectory = "/var/lib/osinstall/galera";

    /// <summary>The original's packages; rsync for its SST method.</summary>
    public static IReadOnlyList<string> Packages { get; } = ["mariadb-server", "mariadb-client", "mariadb-backup", "galera-4", "rsync"];

    /// <summary>Hosts a service account may connect from, as the original grants them.</summary>
    public static IReadOnlyList<string> AccountHosts { get; } = ["localhost", "%"];

    public static SystemdService Mariadb { get; } = new("mariadb");

    public static IReadOnlyList<ContainerMember> Members(ClusterConfig config) => ContainerSet.Members(config, SetName);

    public static bool Selected(ClusterConfig config) =>
        string.Equals(config.Openstack.Database.Trim(), ConfigSelection, StringComparison.OrdinalIgnoreCase);
}
