using OsInstall.Common.Config;
using OsInstall.Components.OpenStack;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.OpenStack;

/// <summary>
/// Config strings in oslo configs: every one is written as it is (names, addresses, paths), so none
/// may hold what oslo.config reads differently ('$' substitutes another option). Every config
/// field whose value the validator lets hold a '$' is given one, every oslo config is rendered,
/// and no unescaped '$' of theirs is in any file: a field that reaches an oslo file must be
/// validated to a shape without '$' (or escaped with OsloValue.Escape).
/// </summary>
public sealed class OsloConfigStringTests
{
    private const string Probe = "$osinstall_probe";

    [Fact]
    public void No_config_string_that_may_hold_a_dollar_reaches_an_oslo_config_unescaped()
    {
        var accepting = AcceptingDollar();
        void Tweak(ClusterConfig config) => HostileConfigFields.Apply(config, accepting, Probe);

        foreach (var entry in RenderedConfigs.All)
        {
            var content = RenderedConfigs.RenderWith(entry, OpenStackTestSecrets.Create(), Tweak);
            Assert.False(content.Replace("$" + Probe, "", StringComparison.Ordinal).Contains(Probe, StringComparison.Ordinal),
                $"{entry.Case} holds an unescaped config value with '$' (one of {string.Join(", ", accepting)}):\n{content}");
        }
    }

    [Fact]
    public void The_probe_finds_fields_the_validator_lets_hold_a_dollar()
    {
        // Not a rubber stamp: local paths such as ssh.key_file may hold one (they reach no host's file).
        Assert.Contains("Ssh.KeyFile", AcceptingDollar());
        Assert.DoesNotContain("Ceph.ConfPath", AcceptingDollar());
    }

    /// <summary>The config fields (walker paths) where the validator accepts a value with '$' in it.</summary>
    private static HashSet<string> AcceptingDollar() => HostileConfigFields.Accepting(() => RenderedConfigs.ExampleConfig(), Probe);
}
