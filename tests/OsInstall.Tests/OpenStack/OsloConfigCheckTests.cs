namespace OsInstall.Tests.OpenStack;

/// <summary>
/// Every rendered OpenStack config (<see cref="RenderedConfigs"/>) passes the oslo config checker:
/// no option unknown to the service's own definitions (Debian's Zed packages; newer options only
/// through oslo_allow_list.txt), and every value readable as its option's type and choices.
/// </summary>
[Collection(OsloCheckerCollection.Name)]
public sealed class OsloConfigCheckTests
{
    [Theory]
    [MemberData(nameof(RenderedConfigs.Cases), MemberType = typeof(RenderedConfigs))]
    public async Task Rendered_config_passes_the_oslo_config_checker(string name)
    {
        var entry = RenderedConfigs.Get(name);
        var content = entry.Render();

        var (exit, output) = await OsloConfigChecker.CheckAsync(entry.Service, content);

        Assert.True(exit == 0, $"{name}:\n{output}\n--- file ---\n{content}");
        Assert.Contains("0 problem(s)", output, StringComparison.Ordinal);
    }
}
