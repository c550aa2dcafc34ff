namespace OsInstall.Tests.OpenStack;

/// <summary>
/// Every rendered OpenStack config (<see cref="RenderedConfigs"/>) passes the oslo config checker:
/// no option unknown to the service's own definitions (Debian's Zed packages; newer options only
/// through oslo_allow_list.txt), and every value readable as its option's type and choices.
/// The files are rendered with every secret a distinct hostile value
/// (<see cref="OpenStackTestSecrets.CreateHostile"/>), and each one the file holds reads back exactly.
/// </summary>
[Collection(OsloCheckerCollection.Name)]
public sealed class OsloConfigCheckTests
{
    [Theory]
    [MemberData(nameof(RenderedConfigs.Cases), MemberType = typeof(RenderedConfigs))]
    public async Task Rendered_config_passes_the_oslo_config_checker_and_reads_back_every_hostile_secret_exactly(string name)
    {
        var entry = RenderedConfigs.Get(name);
        var secrets = OpenStackTestSecrets.CreateHostile().Values;
        var content = RenderedConfigs.RenderWith(entry, OpenStackTestSecrets.CreateHostile());

        var (exit, output, values) = await OsloConfigChecker.CheckAndReadAsync(entry.Service, content);

        Assert.True(exit == 0, $"{name}:\n{output}\n--- file ---\n{content}");
        Assert.Contains("0 problem(s)", output, StringComparison.Ordinal);
        Assert.NotEmpty(values);

        // Which secrets the file holds, by their tags (letters and '_': the same in every encoding).
        var inFile = secrets.Where(s => content.Contains(OpenStackTestSecrets.Tag(s.Key), StringComparison.Ordinal)).Select(s => s.Key).ToHashSet();
        var readBack = new HashSet<string>();
        foreach (var (option, read) in values)
        {
            // A URL's secret is its percent-encoded password: what counts is what its consumer decodes.
            if (read.UrlPasswords is { } passwords)
            {
                foreach (var password in passwords.OfType<string>().Where(p => HoldsATag(p, secrets)))
                {
                    var secret = SecretOf(password, secrets, option);
                    Assert.True(password == secrets[secret], $"{name}: {option}: the URL's password decodes to [{password}], not to {secret}'s value [{secrets[secret]}]");
                    readBack.Add(secret);
                }
                continue;
            }
            foreach (var text in read.Texts.Where(t => HoldsATag(t, secrets)))
            {
                var secret = SecretOf(text, secrets, option);
                Assert.True(text == secrets[secret], $"{name}: {option} reads back as [{text}], not as {secret}'s value [{secrets[secret]}]");
                readBack.Add(secret);
            }
        }
        Assert.Equal(inFile.Order(), readBack.Order());
    }

    /// <summary>The one secret whose tag <paramref name="text"/> holds.</summary>
    private static string SecretOf(string text, IReadOnlyDictionary<string, string> secrets, string option)
    {
        var tagged = secrets.Keys.Where(k => text.Contains(OpenStackTestSecrets.Tag(k), StringComparison.Ordinal)).ToList();
        Assert.True(tagged.Count == 1, $"{option} = [{text}] holds the tags of {string.Join(", ", tagged)}");
        return tagged[0];
    }

    private static bool HoldsATag(string text, IReadOnlyDictionary<string, string> secrets) =>
        secrets.Keys.Any(k => text.Contains(OpenStackTestSecrets.Tag(k), StringComparison.Ordinal));
}
