using OsInstall.Components;
using OsInstall.Components.Bind;
using Xunit;

namespace OsInstall.Tests.Bind;

public sealed class BindRegistrationTests
{
    [Fact]
    public void Bind_is_registered_between_prepare_and_rsyslog()
    {
        var bind = Assert.Single(ComponentCatalog.All, c => c.Name == "bind");
        Assert.IsType<BindInstaller>(bind);
        Assert.Equal(20, bind.Order);
        Assert.Equal(["o3p-os-controller-1", "o3p-os-controller-2", "o3p-os-controller-3"], bind.Hosts(BindTestCluster.Config()));
        Assert.Equal(["bind_tsig_key", "bind_rndc_key"], bind.RequiredSecrets(BindTestCluster.Config()));
        Assert.All(bind.RequiredSecrets(BindTestCluster.Config()), s => Assert.Contains(SecretCatalog.All, spec => spec.Name == s));
    }

    [Fact]
    public async Task A_single_controller_gets_a_valid_primary_and_no_secondary()
    {
        var config = BindTestCluster.Config();
        config.Controllers.RemoveRange(1, 2);
        Assert.Empty(BindSettings.FromConfig(config).Secondaries);
        var actions = await BindTestCluster.DryRunAsync(new BindInstaller(), config);
        Assert.DoesNotContain(actions, a => a.Host != "o3p-os-controller-1");
        var root = Directory.CreateTempSubdirectory("osinstall-bind-single-");
        try
        {
            BindTestCluster.Materialize(actions, root.FullName, perHost: true);
            var (exit, output) = await Tool.RunAsync(Tool.Require("/usr/bin/named-checkconf"), "-t", Path.Join(root.FullName, "o3p-os-controller-1"), "-z", "/etc/bind/named.conf");
            Assert.True(exit == 0, output);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
