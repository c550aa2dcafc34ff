using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>
/// The rules that keep the last free-form strings of the config to their formats (issue 7: a value
/// with shell metacharacters is refused with its key, not carried into commands and paths).
/// </summary>
public sealed class VersionAndPathRuleTests
{
    [Fact]
    public void Qemu_repository_must_be_an_http_url() =>
        Expect("  qemu_git_repo: https://gitlab.com/qemu-project/qemu.git", "  qemu_git_repo: 'https://gitlab.com/qemu.git; reboot'",
            "versions.qemu_git_repo", "is not an absolute http(s) URL");

    [Fact]
    public void Qemu_ref_must_be_a_tag_name_when_set() =>
        Expect("  qemu_ref: \"\"", "  qemu_ref: 'v9.2.2 $(reboot)'", "versions.qemu_ref", "is not a git branch or tag name");

    [Fact]
    public void Empty_qemu_ref_means_alpines_version_and_is_accepted() =>
        Assert.Empty(LoadEdited("  qemu_ref: \"\"", "  qemu_ref: \"\"").Errors);

    [Fact]
    public void Postgres_version_must_be_a_major_version_number() =>
        Expect("  postgres: \"17\"", "  postgres: \"17; reboot\"", "versions.postgres", "is not a PostgreSQL major version", "e.g. 17");

    [Fact]
    public void Postgres_minor_version_is_refused_as_no_package_has_that_name() =>
        Expect("  postgres: \"17\"", "  postgres: \"17.2\"", "versions.postgres", "'17.2' is not a PostgreSQL major version");

    [Fact]
    public void Ceph_conf_path_must_be_made_of_plain_names() =>
        Expect("  conf_path: /etc/ceph/ceph.conf", "  conf_path: '/etc/ceph/$(reboot).conf'", "ceph.conf_path", "not an absolute path of plain names");

    [Fact]
    public void Ceph_conf_path_may_not_climb_out() =>
        Expect("  conf_path: /etc/ceph/ceph.conf", "  conf_path: /etc/ceph/../shadow", "ceph.conf_path", "not an absolute path of plain names");
}
