namespace OsInstall.Common.Containers;

/// <summary>
/// Template resources the container mechanism renders through the component context. They ship
/// in the components assembly (Common embeds no resources); hosts, resolv.conf and the apk
/// repositories reuse the templates the controllers get, so a container sees the same names.
/// </summary>
public static class ContainerTemplates
{
    public const string LxcConfig = "Containers/templates/lxc.conf.sbn";
    public const string Interfaces = "Containers/templates/interfaces.sbn";
    public const string Hosts = "Prepare/templates/hosts.sbn";
    public const string Repositories = "Prepare/templates/repositories.sbn";
    public const string ResolvConf = "Bind/templates/resolv.conf.sbn";
    public const string UbuntuSources = "Containers/templates/ubuntu-sources.list.sbn";
    public const string UbuntuNetwork = "Containers/templates/ubuntu-eth0.network.sbn";
    public const string UbuntuJournald = "Containers/templates/ubuntu-journald.conf.sbn";
    public const string UbuntuJournalVacuum = "Containers/templates/ubuntu-journal-vacuum.cron.sbn";
}
