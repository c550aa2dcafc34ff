using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>Settings with a fixed set of values, and the rsyslog facility map. One test per rule.</summary>
public sealed class ChoiceRuleTests
{
    [Fact]
    public void Rsyslog_protocol_must_be_relp_or_tcp() =>
        Expect("  protocol: relp", "  protocol: udp", "rsyslog.protocol", "'udp' is not supported", "relp or tcp");

    [Fact]
    public void Database_must_be_postgres_or_galera() =>
        Expect("  database: postgres", "  database: mysql", "openstack.database", "'mysql' is not supported", "postgres or galera");

    [Fact]
    public void Keystone_token_provider_must_be_fernet_or_jws() =>
        Expect("  keystone_token_provider: fernet", "  keystone_token_provider: uuid", "openstack.keystone_token_provider", "'uuid' is not supported", "fernet or jws");

    [Fact]
    public void Libvirt_type_must_be_kvm_or_qemu() =>
        Expect("  libvirt_type: qemu", "  libvirt_type: xen", "openstack.libvirt_type", "'xen' is not supported", "kvm or qemu");

    [Fact]
    public void Facility_key_must_be_a_syslog_facility() =>
        Expect("    user: placement.log", "    usr: placement.log", "rsyslog.facilities.usr", "'usr' is not a syslog facility", "did you mean 'user'?", "local7");

    [Fact]
    public void Facility_file_must_not_climb_out_of_var_log() =>
        Expect("    local5: nova.log", "    local5: ../nova.log", "rsyslog.facilities.local5", "'../nova.log' must be a plain file name", "no '/' or '..'");

    [Fact]
    public void Facility_file_must_not_name_a_directory() =>
        Expect("    local5: nova.log", "    local5: nova/api.log", "rsyslog.facilities.local5", "must be a plain file name");
}
