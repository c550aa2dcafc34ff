namespace OsInstall.Common.Database;

/// <summary>
/// The databases of the OpenStack services, in one place for the service components and both
/// database engines: as the original creates them (nova owns three, all with one password).
/// </summary>
public static class OpenStackDatabases
{
    public static readonly ServiceDatabase Keystone = new("keystone", "keystone", "keystone_db_password");
    public static readonly ServiceDatabase Glance = new("glance", "glance", "glance_db_password");
    public static readonly ServiceDatabase Placement = new("placement", "placement", "placement_db_password");
    public static readonly ServiceDatabase Nova = new("nova", "nova", "nova_db_password");
    public static readonly ServiceDatabase NovaApi = new("nova_api", "nova", "nova_db_password");
    public static readonly ServiceDatabase NovaCell0 = new("nova_cell0", "nova", "nova_db_password");
    public static readonly ServiceDatabase Neutron = new("neutron", "neutron", "neutron_db_password");
    public static readonly ServiceDatabase Cinder = new("cinder", "cinder", "cinder_db_password");

    public static IReadOnlyList<ServiceDatabase> All { get; } = [Keystone, Glance, Placement, Nova, NovaApi, NovaCell0, Neutron, Cinder];
}
