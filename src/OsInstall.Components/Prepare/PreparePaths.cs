namespace OsInstall.Components.Prepare;

/// <summary>Where prepare puts things on a controller (the Ceph paths come from config.ceph).</summary>
internal static class PreparePaths
{
    public const string Inittab = "/etc/inittab";
    public const string ApkRepositories = "/etc/apk/repositories";
    public const string Hosts = "/etc/hosts";
    public const string RouteConf = "/etc/route.conf";
    public const string Sysctl = "/etc/sysctl.d/90-osinstall.conf";
    public const string Limits = "/etc/security/limits.d/90-osinstall.conf";
    public const string Modules = "/etc/modules";
    public const string NetworkInterfaces = "/etc/network/interfaces";
    public const string RbdMapHook = "/usr/share/lxc/hooks/rbd-device-map";
    public const string RbdUnmapHook = "/usr/share/lxc/hooks/rbd-device-unmap";
    public const string OvsHook = "/etc/lxc/ovs_up_down";
    public const string LxcCommonConf = "/usr/share/lxc/config/common.conf.d/00-osinstall.conf";
    public const string CephAdminKeyring = "/etc/ceph/ceph.client.admin.keyring";
    public const string AdminOpenrc = "/root/admin-openrc";
    public const string UserOpenrc = "/root/user-openrc";
    public const string RootSshDir = "/root/.ssh";
    public const string AuthorizedKeys = "/root/.ssh/authorized_keys";
    public const string DefaultControllerKey = "/root/.ssh/id_rsa";
    public const string BashLink = "/usr/bin/bash";
    public const string Bash = "/bin/bash";

    /// <summary>The openstack client's virtualenv; the same path on every controller, so the tarball unpacks in place.</summary>
    public const string ClientVenv = "/opt/openstack-client";
    public const string ClientStamp = ClientVenv + "/osinstall-versions";
    public const string ClientTarball = "/root/python-openstackclient.tar.gz";
    public const string ClientLink = "/usr/bin/openstack";

    /// <summary>Exists while a change that only a reboot applies (sysctl, modules, interfaces, inittab) is pending.</summary>
    public const string RebootMarker = "/var/lib/osinstall/reboot-required";
}
