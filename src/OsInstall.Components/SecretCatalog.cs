using OsInstall.Common.Secrets;
using OsInstall.Components.Keepalived;
using OsInstall.Components.Rabbitmq;

namespace OsInstall.Components;

/// <summary>
/// Every credential the cluster needs: those the bash installer hard-coded as Password123 and
/// friends, generated once by 'osinstall secrets generate'. Ceph keys come from the Ceph cluster.
/// </summary>
public static class SecretCatalog
{
    public static IReadOnlyList<SecretSpec> All { get; } =
    [
        new("admin_password", SecretKind.Password, "OpenStack admin user (admin-openrc)"),
        new("demo_password", SecretKind.Password, "demo project user (user-openrc)"),
        new("postgres_password", SecretKind.Password, "PostgreSQL superuser and replication"),
        new("mariadb_root_password", SecretKind.Password, "MariaDB Galera root (when galera is selected)"),
        new("rabbitmq_password", SecretKind.Password, "RabbitMQ openstack user", SecretFormat.Untrimmed("rabbitmqctl reading it")),
        new("rabbitmq_erlang_cookie", SecretKind.Password, "Erlang cookie shared by the RabbitMQ nodes", RabbitmqInstaller.CookieFormat),
        new("keepalived_auth_pass", SecretKind.ShortPassword, "keepalived VRRP authentication (8 characters)", KeepalivedConfig.AuthPassFormat),
        new("metadata_proxy_secret", SecretKind.Password, "nova/neutron metadata proxy shared secret"),
        new("keystone_db_password", SecretKind.Password, "keystone database user"),
        new("glance_db_password", SecretKind.Password, "glance database user"),
        new("placement_db_password", SecretKind.Password, "placement database user"),
        new("nova_db_password", SecretKind.Password, "nova database user"),
        new("neutron_db_password", SecretKind.Password, "neutron database user"),
        new("cinder_db_password", SecretKind.Password, "cinder database user"),
        new("glance_password", SecretKind.Password, "glance service user in keystone"),
        new("placement_password", SecretKind.Password, "placement service user in keystone"),
        new("nova_password", SecretKind.Password, "nova service user in keystone"),
        new("neutron_password", SecretKind.Password, "neutron service user in keystone"),
        new("cinder_password", SecretKind.Password, "cinder service user in keystone"),
        new("horizon_secret_key", SecretKind.Password, "Django SECRET_KEY of horizon"),
        new("bind_tsig_key", SecretKind.Base64Key, "TSIG key (hmac-sha256) for zone transfers master -> slaves", SecretFormat.Base64),
        new("bind_rndc_key", SecretKind.Base64Key, "rndc control key of named", SecretFormat.Base64),
        new("ceph_admin_key", SecretKind.External, "Ceph client.admin key (from the Ceph cluster)", SecretFormat.Base64),
        new("ceph_client_key", SecretKind.External, "Ceph key of the container-disk client (ceph.client)", SecretFormat.Base64),
        new("ceph_glance_key", SecretKind.External, "Ceph key of the glance client", SecretFormat.Base64),
        new("ceph_cinder_key", SecretKind.External, "Ceph key of the cinder client", SecretFormat.Base64),
    ];
}
