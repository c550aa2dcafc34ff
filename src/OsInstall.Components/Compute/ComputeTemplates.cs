namespace OsInstall.Components.Compute;

/// <summary>Resource names of the compute component's templates.</summary>
internal static class ComputeTemplates
{
    public const string NovaConf = "Compute/templates/nova.conf.sbn";
    public const string NovaComputeConf = "Compute/templates/nova-compute.conf.sbn";
    public const string NeutronConf = "Compute/templates/neutron.conf.sbn";
    public const string MetadataAgentIni = "Compute/templates/neutron_ovn_metadata_agent.ini.sbn";
    public const string CinderConf = "Compute/templates/cinder.conf.sbn";
    public const string SecretXml = "Compute/templates/secret.xml.sbn";
    public const string CinderKeyring = "Compute/templates/ceph.client.cinder.keyring.sbn";
    public const string Sudoers = "Compute/templates/sudoers.sbn";
    public const string Logrotate = "Compute/templates/logrotate.sbn";
    public const string InitScript = "Compute/templates/openstack-service.sbn";
    public const string PackScript = "Compute/templates/pack-service.sbn";
    public const string QemuBuildScript = "Compute/templates/build-qemu.sbn";
}
