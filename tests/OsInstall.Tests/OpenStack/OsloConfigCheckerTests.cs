namespace OsInstall.Tests.OpenStack;

/// <summary>
/// The checker itself: each kind of mistake in a real rendered keystone.conf is caught and named
/// (a checker that passes everything would make <see cref="OsloConfigCheckTests"/> worthless),
/// and the allow-list excuses exactly the options it lists, for its service only.
/// </summary>
[Collection(OsloCheckerCollection.Name)]
public sealed class OsloConfigCheckerTests
{
    private static readonly Lazy<string> Keystone = new(() => RenderedConfigs.RenderKeystone(_ => { }));

    private static string Replace(string line, string replacement)
    {
        var text = Keystone.Value;
        Assert.Contains(line + "\n", text, StringComparison.Ordinal);
        return text.Replace(line + "\n", replacement + "\n", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[credential]\nprovider = fernet", "[credential]\nprovider = fernett", "INVALID credential/provider = fernett: no such driver")]
    [InlineData("[token]\nprovider = fernet", "[token]\nprovider = fernett", "INVALID token/provider = fernett: no such driver")]
    [InlineData("max_active_keys = 3", "max_active_keys = three", "INVALID fernet_tokens/max_active_keys = three")]
    [InlineData("use_syslog = true", "use_syslog = maybe", "INVALID DEFAULT/use_syslog = maybe")]
    [InlineData("backend = oslo_cache.memcache_pool", "backend = oslo_cache.memcache_pol", "INVALID cache/backend = oslo_cache.memcache_pol")]
    public async Task A_wrong_value_fails_and_is_named(string line, string replacement, string expected)
    {
        var (exit, output) = await OsloConfigChecker.CheckAsync("keystone", Replace(line, replacement));

        Assert.Equal(1, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_outside_the_choices_fails()
    {
        var (exit, output) = await OsloConfigChecker.CheckAsync("keystone",
            Keystone.Value + "\n[identity]\npassword_hash_algorithm = md5\n");

        Assert.Equal(1, exit);
        Assert.Contains("INVALID identity/password_hash_algorithm = md5", output, StringComparison.Ordinal);
        Assert.Contains("Valid values are [bcrypt, scrypt, pbkdf2_sha512]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_fails_in_both_checks()
    {
        // The original's keystone.conf wrote memcached_servers; oslo.cache's option is memcache_servers.
        var (exit, output) = await OsloConfigChecker.CheckAsync("keystone", Replace("enabled = true", "enabled = true\nmemcached_servers = memcached-1:11211"));

        Assert.Equal(1, exit);
        Assert.Contains("UNKNOWN cache/memcached_servers (oslo-config-validator)", output, StringComparison.Ordinal);
        Assert.Contains("UNKNOWN cache/memcached_servers (not defined by", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_allow_list_excuses_only_the_listed_option_of_the_listed_service()
    {
        var content = Replace("enabled = true", "enabled = true\nfuture_option = 1\nother_future_option = 2");
        var dir = Directory.CreateTempSubdirectory("osinstall-allow-");
        try
        {
            var allow = Path.Combine(dir.FullName, "allow.txt");
            await File.WriteAllTextAsync(allow,
                "# test allow-list\nkeystone cache/future_option 2099.1  # pretend a later release added it\nnova cache/other_future_option 2099.1\n");

            var (exit, output) = await OsloConfigChecker.CheckAsync("keystone", content, allow);

            Assert.Equal(1, exit);
            Assert.Contains("EXCUSED cache/future_option (added in 2099.1)", output, StringComparison.Ordinal);
            Assert.DoesNotContain("UNKNOWN cache/future_option", output, StringComparison.Ordinal);
            Assert.Contains("UNKNOWN cache/other_future_option", output, StringComparison.Ordinal);
            Assert.Contains("2 problem(s)", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_shipped_allow_list_is_well_formed()
    {
        var (exit, output) = await OsloConfigChecker.CheckAsync("keystone", Keystone.Value);

        Assert.True(exit == 0, output);
        foreach (var line in File.ReadAllLines(Path.Combine(OsloConfigChecker.ScriptDirectory, "oslo_allow_list.txt")))
        {
            var entry = line.Split('#', 2)[0].Trim();
            if (entry.Length > 0)
            {
                Assert.Matches(@"^[a-z-]+ [A-Za-z0-9_.-]+/[A-Za-z0-9_-]+ 20\d\d\.[12]$", entry);
            }
        }
    }

    [Fact]
    public void The_keystone_config_is_rendered_with_the_database_urls_and_the_facility_of_keystone_log()
    {
        var text = Keystone.Value;

        Assert.Contains("syslog_log_facility = LOG_LOCAL3\n", text, StringComparison.Ordinal);
        Assert.Contains("memcache_servers = memcached-1.oppp.lab:11211,memcached-2.oppp.lab:11211,memcached-3.oppp.lab:11211\n", text, StringComparison.Ordinal);
        Assert.Contains("connection = postgresql+psycopg2://keystone:", text, StringComparison.Ordinal);
        Assert.Contains("@postgres.oppp.lab/keystone\n", text, StringComparison.Ordinal);
        Assert.Contains("slave_connection = postgresql+psycopg2://keystone:", text, StringComparison.Ordinal);
        // oslo.config would read "$t..." of the password as a substitution: the URL must carry it percent-encoded.
        Assert.DoesNotContain("$", text, StringComparison.Ordinal);
        Assert.Contains("[token]\nprovider = fernet\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[jwt_tokens]", text, StringComparison.Ordinal);
    }
}
