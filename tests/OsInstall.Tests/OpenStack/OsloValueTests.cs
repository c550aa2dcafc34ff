using System.Text.Json;
using OsInstall.Components.OpenStack;
using OsInstall.Components.Placement;
using Xunit;

namespace OsInstall.Tests.OpenStack;

/// <summary>
/// <see cref="OsloValue.Escape"/> against the real oslo.config (Debian's): every awkward value,
/// written "vN = Escape(value)", reads back as exactly that value. One Python run for all of them.
/// </summary>
public sealed class OsloValueTests
{
    private const string ReadBack = """
        import json, sys
        from oslo_config import cfg
        count = int(sys.argv[2])
        conf = cfg.ConfigOpts()
        conf.register_opts([cfg.StrOpt("v%d" % i) for i in range(count)])
        conf(args=[], default_config_files=[sys.argv[1]])
        print(json.dumps([getattr(conf, "v%d" % i) for i in range(count)]))
        """;

    public static readonly string[] Awkward =
    [
        "", "a", "$", "$$", "a$", "$a", "${a}", "$(a)", "%(a)s", "%%", "\\", "a\\", "\\a", "\\$", "\\\\$", "\\$$", "$\\", "a\\$b\\\\$c$$d",
        "'", "\"", "''", "\"\"", "'a'", "\"a\"", "'a\"", "\"a'", " a", "a ", "  a  ", " ", "\u00a0a\u00a0", "\u3000a",
        "#a", ";a", "a # b", "a ; b", "[a]", "a = b", "a: b", "=", ":", "über € ✓",
        OpenStackTestSecrets.HostilePayload, " " + OpenStackTestSecrets.HostilePayload + " ",
        "'" + OpenStackTestSecrets.HostilePayload + "'", "\"" + OpenStackTestSecrets.HostilePayload + "\"",
    ];

    [Fact]
    public async Task Every_awkward_value_reads_back_exactly_through_oslo_config()
    {
        var dir = Directory.CreateTempSubdirectory("osinstall-oslo-value-");
        try
        {
            var file = Path.Combine(dir.FullName, "test.conf");
            var lines = Awkward.Select((v, i) => $"v{i} = {OsloValue.Escape(v)}");
            await File.WriteAllTextAsync(file, "[DEFAULT]\n" + string.Join('\n', lines) + "\n");

            var (exit, output) = await Python.RunAsync("-c", ReadBack, file, Awkward.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(exit == 0, output);
            var read = JsonSerializer.Deserialize<string[]>(output.Trim())!;
            for (var i = 0; i < Awkward.Length; i++)
            {
                Assert.True(Awkward[i] == read[i], $"[{Awkward[i]}] written as [{OsloValue.Escape(Awkward[i])}] reads back as [{read[i]}]");
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\tb")]
    [InlineData("a\u001bb")]
    [InlineData("a\u2028b")]
    public void A_control_character_cannot_be_written(string value) =>
        Assert.Throws<ArgumentException>(() => OsloValue.Escape(value));
}
