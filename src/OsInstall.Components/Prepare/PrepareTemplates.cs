namespace OsInstall.Components.Prepare;

/// <summary>Resource names of prepare's templates (one template per file it writes).</summary>
internal static class PrepareTemplates
{
    public const string Repositories = "Prepare/templates/repositories.sbn";
    public const string Hosts = "Prepare/templates/hosts.sbn";
    public const string RouteConf = "Prepare/templates/route.conf.sbn";
    public const string Sysctl = "Prepare/templates/sysctl.conf.sbn";
    public const string Limits = "Prepare/templates/limits.conf.sbn";
    public const string RbdMapHook = "Prepare/templates/rbd-device-map.sbn";
    public const string RbdUnmapHook = "Prepare/templates/rbd-device-unmap.sbn";
    public const string OvsHook = "Prepare/templates/ovs_up_down.sbn";
    public const string LxcCommonConf = "Prepare/templates/lxc-common.conf.sbn";
    public const string NetworkInterfaces = "Prepare/templates/interfaces.sbn";
    public const string CephConf = "Prepare/templates/ceph.conf.sbn";
    public const string CephClientKeyring = "Prepare/templates/ceph.client.keyring.sbn";
    public const string CephAdminKeyring = "Prepare/templates/ceph.client.admin.keyring.sbn";
    public const string AdminOpenrc = "Prepare/templates/admin-openrc.sbn";
    public const string UserOpenrc = "Prepare/templates/user-openrc.sbn";
}
