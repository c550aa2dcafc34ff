using OsInstall.Common.Config;
using OsInstall.Tests.EndToEnd;
using Xunit.Abstractions;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// Issue 7's injection requirement, field by field: every string of the config (properties, also
/// optional ones, list elements, map keys and values) either is refused by the real loader when it
/// holds a hostile one-line payload, with an error naming that field's YAML key, or is one of the
/// fields the hostile whole-cluster run (EndToEnd/FullClusterTests) carries through the real CLI.
/// No field may be neither, and the run's list may not claim a field the validator refuses.
/// (sample_vm.keypair_public_key refuses a payload alone, but takes one as the comment after a valid
/// key: SampleVm/SampleVmSimulationTests carries such a key through the sample VM's hostile run.)
/// </summary>
public sealed class ConfigFieldClassificationTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_config_string_is_refused_by_the_validator_naming_its_key_or_carried_by_the_hostile_cluster_run()
    {
        var refused = new List<string>();
        var carried = new List<string>();
        var neither = new List<string>();
        foreach (var (field, payload, errors) in Hostile.TryEachField(EveryFieldSet(), "k"))
        {
            var key = field.YamlKeyHolding(payload);
            var named = errors.Any(e => e.Path == key);
            var inRun = FullClusterTests.CarriedFields.Contains(field.Path);
            if (named && !inRun)
            {
                refused.Add($"{key.Replace(payload, "<payload>", StringComparison.Ordinal)}: {errors.First(e => e.Path == key).Message.Replace(payload, "<payload>", StringComparison.Ordinal)}");
            }
            else if (inRun && errors.Count == 0)
            {
                carried.Add(field.Path);
            }
            else
            {
                neither.Add($"{field.Path} ({key}): " + (inRun
                    ? "listed as carried by the whole-cluster run, but the validator refuses it: " + string.Join("; ", errors)
                    : errors.Count == 0
                        ? "accepted by the validator, and not carried by the whole-cluster run"
                        : "refused, but no error names its key: " + string.Join("; ", errors)));
            }
        }
        output.WriteLine($"Refused by the real validator, naming the key ({refused.Count}):\n  " + string.Join("\n  ", refused));
        output.WriteLine($"Carried by the hostile whole-cluster run ({carried.Count}):\n  " + string.Join("\n  ", carried));
        Assert.True(neither.Count == 0, "config strings neither refused nor carried:\n" + string.Join('\n', neither));
        Assert.Equal(FullClusterTests.CarriedFields.Order(StringComparer.Ordinal), carried.Order(StringComparer.Ordinal));
        // The walk reaches every kind of string: optional ones, list elements, map keys and values.
        Assert.Contains(refused, r => r.StartsWith("compute_nodes[1].mac:", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.StartsWith("vips.haproxy_proxy:", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.StartsWith("ceph.monitors[2]:", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.StartsWith("rsyslog.facilities.local0:", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.StartsWith("rsyslog.facilities.<payload>:", StringComparison.Ordinal)); // a facility name
        Assert.Contains(refused, r => r.StartsWith("lxc.rootfs_sizes.postgres:", StringComparison.Ordinal));
    }

    /// <summary>
    /// The shipped config with every optional string set too (node MACs, the proxy VIP, a DHCP pool,
    /// a public key, keepalived's mail), so that each field is tried beside valid neighbours: a DHCP
    /// pool's start alone would be reported at its missing end.
    /// </summary>
    private static ClusterConfig EveryFieldSet()
    {
        var loaded = ConfigLoader.LoadFile(OsInstall.Tests.Config.RepoPaths.ShippedConfig);
        Assert.Empty(loaded.Errors);
        var c = loaded.Config!;
        for (var i = 0; i < c.Controllers.Count; i++)
        {
            c.Controllers[i].Mac = $"52:54:00:00:01:{i:x2}";
        }
        for (var i = 0; i < c.ComputeNodes.Count; i++)
        {
            c.ComputeNodes[i].Mac = $"52:54:00:00:02:{i:x2}";
        }
        c.Vips.HaproxyProxy = "10.1.1.100";
        c.Ipxe.DhcpRangeStart = "10.1.1.50";
        c.Ipxe.DhcpRangeEnd = "10.1.1.60";
        c.Versions.QemuRef = "v9.2.2";
        c.SampleVm.KeypairPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOsinstallClassification operator@example";
        c.Openstack.KeepalivedNotificationEmail = "ops@example.lab";
        c.Openstack.KeepalivedEmailFrom = "keepalived@example.lab";
        c.Openstack.KeepalivedSmtpServer = "mail.example.lab";
        var copy = Hostile.Copy(c);
        var check = ConfigLoader.LoadText(Simulation.SimulatedConfig.ToYaml(copy));
        Assert.True(check.Errors.Count == 0, string.Join('\n', check.Errors));
        Assert.DoesNotContain(ConfigStringField.All(copy), f => f.Value is null);
        return copy;
    }
}
