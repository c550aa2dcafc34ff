using System.Text;
using OsInstall.Common.Config;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using Xunit;

namespace OsInstall.Tests.Secrets;

/// <summary>Checks on the secrets file, one test per rule, each in the config's error style (name, line, message).</summary>
public sealed class SecretsFileRuleTests
{
    private static ConfigError OneError(string text, string path, int line, params string[] words)
    {
        using var dir = new TempDir();
        var file = dir.Write("secrets.yaml", text);
        return Check(SecretsFile.LoadChecked(file, SecretCatalog.All), path, line, words);
    }

    private static ConfigError Check(SecretsLoadResult result, string path, int line, params string[] words)
    {
        Assert.Null(result.Store);
        Assert.True(result.Errors.Count == 1, string.Join('\n', result.Errors));
        var error = result.Errors[0];
        Assert.Equal(path, error.Path);
        Assert.Equal(line, error.Line);
        foreach (var w in words)
        {
            Assert.Contains(w, error.Message, StringComparison.Ordinal);
        }
        return error;
    }

    [Fact]
    public void Syntax_error_is_reported_with_its_line()
    {
        using var dir = new TempDir();
        var file = dir.Write("secrets.yaml", "admin_password: 'abcdefgh'\nnova_password: 'unterminated\n");
        var error = Assert.Single(SecretsFile.LoadChecked(file, SecretCatalog.All).Errors);
        Assert.True(error.Line >= 2, error.ToString());
        Assert.Contains("YAML syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_must_be_a_map() =>
        OneError("- admin_password\n- nova_password\n", "(root)", 1, "top level must be a map");

    [Fact]
    public void Value_must_be_text_not_a_list() =>
        OneError("admin_password: 'abcdefgh'\nnova_password:\n  - a\n  - b\n", "nova_password", 3, "must be a single text value", "a list");

    [Fact]
    public void Unknown_name_suggests_the_closest_secret() =>
        OneError("admin_pasword: 'abcdefgh'\n", "admin_pasword", 1, "unknown secret 'admin_pasword'", "did you mean 'admin_password'?");

    [Fact]
    public void Duplicate_name_is_reported() =>
        OneError("admin_password: 'abcdefgh'\nadmin_password: 'ijklmnop'\n", "admin_password", 2, "duplicate key 'admin_password'", "first defined at line 1");

    [Fact]
    public void Non_utf8_bytes_are_reported_with_their_line()
    {
        using var dir = new TempDir();
        var file = dir.File("secrets.yaml");
        File.WriteAllBytes(file, [.. Encoding.UTF8.GetBytes("admin_password: 'abcdefgh'\nnova_password: 'p"), 0xFF, .. Encoding.UTF8.GetBytes("ssword'\n")]);
        Check(SecretsFile.LoadChecked(file, SecretCatalog.All), "(file)", 2, "not valid UTF-8", "0xFF");
    }

    [Fact]
    public void Tab_indentation_is_reported() =>
        OneError("admin_password: 'abcdefgh'\n\tnova_password: 'abcdefgh'\n", "(indentation)", 2, "tab");

    [Fact]
    public void Line_break_in_a_value_is_refused() =>
        OneError("admin_password: \"abcd\\nefgh\"\n", "admin_password", 1, "line break");

    public static TheoryData<int> ForbiddenCharacters()
    {
        var data = new TheoryData<int>();
        foreach (var c in Enumerable.Range(0, 0x20).Append(0x7F).Concat(Enumerable.Range(0x80, 0x20)).Append(0x2028).Append(0x2029))
        {
            data.Add(c);
        }
        return data;
    }

    // Written as a YAML escape inside the value, so the file itself is clean and only the value holds it.
    [Theory]
    [MemberData(nameof(ForbiddenCharacters))]
    public void Every_control_character_in_a_value_is_refused_without_showing_the_value(int c)
    {
        var error = OneError($"admin_password: \"secret-abc\\u{c:X4}def\"\n", "admin_password", 1, "at character 11", "one line of printable text");
        Assert.DoesNotContain("secret-abc", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_raw_tab_inside_a_quoted_value_is_refused() =>
        OneError("admin_password: 'abcd\tefgh'\n", "admin_password", 1, "a tab (\\t)");

    [Fact]
    public void Printable_shell_and_format_metacharacters_are_accepted()
    {
        using var dir = new TempDir();
        const string hostile = " v'\"$\\`;|&<> $(touch /tmp/pwned) %(x)s ${y} $z %% # ;x ";
        var file = dir.Write("secrets.yaml", $"admin_password: '{hostile.Replace("'", "''", StringComparison.Ordinal)}'\n");
        var result = SecretsFile.LoadChecked(file, SecretCatalog.All);
        Assert.Empty(result.Errors);
        Assert.Equal(hostile, result.Store!.Get("admin_password"));
    }

    /// <summary>A value of the secret's kind that fits its format (what 'secrets generate' writes; a Ceph key for an external one).</summary>
    private static string Valid(SecretSpec spec) =>
        spec.Kind == SecretKind.External ? Convert.ToBase64String(Encoding.UTF8.GetBytes("key of " + spec.Name)) : SecretsFile.Generate(spec.Kind);

    [Fact]
    public void Generated_values_fit_every_format()
    {
        foreach (var spec in SecretCatalog.All.Where(s => s.Format is not null))
        {
            for (var i = 0; i < 20; i++)
            {
                var value = Valid(spec);
                Assert.True(spec.Format!.Accepts(value), $"{spec.Name}: generated [{value}] does not fit: {spec.Format.Requirement}");
            }
        }
    }

    [Theory]
    [InlineData("keepalived_auth_pass", "abc#defg", "1 to 8 letters, digits")]
    [InlineData("keepalived_auth_pass", "ab cdefg", "keepalived uses only 8 characters")]
    [InlineData("keepalived_auth_pass", "abcdefghi", "1 to 8")]
    [InlineData("keepalived_auth_pass", "ab$cdefg", "1 to 8")]
    [InlineData("keepalived_auth_pass", "ab\"cd{}", "1 to 8")]
    [InlineData("bind_tsig_key", "c2VjcmV0#", "base64")]
    [InlineData("bind_rndc_key", "c2Vj cmV0", "base64")]
    [InlineData("ceph_admin_key", "AQBkey==;x", "base64")]
    [InlineData("ceph_cinder_key", "AQBkeyfromceph=", "base64")]
    [InlineData("rabbitmq_password", " leading-space", "without spaces at either end (rabbitmqctl")]
    [InlineData("rabbitmq_password", "trailing-space ", "without spaces at either end")]
    [InlineData("rabbitmq_erlang_cookie", "caf\u00e9-cookie", "printable ASCII")]
    public void A_value_its_files_cannot_hold_is_refused_naming_the_secret_not_the_value(string name, string value, string words)
    {
        var error = OneError($"{name}: '{value.Replace("'", "''", StringComparison.Ordinal)}'\n", name, 1, $"secret '{name}' must be ", words);
        Assert.DoesNotContain(value, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_erlang_cookie_longer_than_an_atom_is_refused() =>
        OneError($"rabbitmq_erlang_cookie: '{new string('c', 256)}'\n", "rabbitmq_erlang_cookie", 1, "at most 255");

    [Theory]
    [InlineData("keepalived_auth_pass", "%&()*+,-")]
    [InlineData("keepalived_auth_pass", "./:;<=>?")]
    [InlineData("keepalived_auth_pass", "[]^_|aZ9")]
    [InlineData("rabbitmq_password", "in ner'\"$\\`;|&<>#%")]
    [InlineData("rabbitmq_erlang_cookie", " a'\"$\\`;|&<>#% ~ ")]
    public void Values_within_a_format_are_kept(string name, string value)
    {
        using var dir = new TempDir();
        var result = SecretsFile.LoadChecked(dir.Write("secrets.yaml", $"{name}: '{value.Replace("'", "''", StringComparison.Ordinal)}'\n"), SecretCatalog.All);
        Assert.Empty(result.Errors);
        Assert.Equal(value, result.Store!.Get(name));
    }

    [Fact]
    public void Value_too_short_to_mask_is_refused() =>
        OneError("admin_password: 'abc'\n", "admin_password", 1, "shorter than 4 characters", "masked");

    [Fact]
    public void Absurdly_long_value_is_refused() =>
        OneError("admin_password: '" + new string('x', 5000) + "'\n", "admin_password", 1, "5000 characters");

    [Fact]
    public void Missing_file_reads_as_empty_for_generate()
    {
        var result = SecretsFile.LoadChecked("/nonexistent/secrets.yaml", SecretCatalog.All);
        Assert.True(result.Ok);
        Assert.Empty(result.Store!.Values);
    }

    [Fact]
    public void Empty_file_reads_as_empty_for_generate()
    {
        using var dir = new TempDir();
        var result = SecretsFile.LoadChecked(dir.Write("secrets.yaml", "# nothing yet\n"), SecretCatalog.All);
        Assert.True(result.Ok);
    }

    [Fact]
    public void Real_run_refuses_an_empty_external_secret_naming_it()
    {
        using var dir = new TempDir();
        var file = dir.File("secrets.yaml");
        var store = new SecretStore();
        SecretsFile.FillMissing(store, SecretCatalog.All);
        foreach (var ceph in new[] { "ceph_admin_key", "ceph_client_key", "ceph_glance_key" })
        {
            store.Set(ceph, "AQBpastedkey01==");
        }
        SecretsFile.Save(file, store, SecretCatalog.All);
        var result = SecretsFile.LoadForRun(file, [.. SecretCatalog.All]);
        var error = Assert.Single(result.Errors);
        Assert.Null(result.Store);
        Assert.Equal("ceph_cinder_key", error.Path);
        Assert.True(error.Line > 0);
        Assert.Contains("secret 'ceph_cinder_key' is empty: paste the Ceph key of the cinder client", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_run_names_a_missing_generated_secret()
    {
        using var dir = new TempDir();
        var file = dir.Write("secrets.yaml", string.Join('\n', SecretCatalog.All.Where(s => s.Name != "nova_password").Select(s => $"{s.Name}: '{Valid(s)}'")) + "\n");
        var error = Assert.Single(SecretsFile.LoadForRun(file, [.. SecretCatalog.All]).Errors);
        Assert.Equal("nova_password", error.Path);
        Assert.Contains("secret 'nova_password' is missing: run 'osinstall secrets generate'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_run_refuses_a_missing_file()
    {
        var error = Assert.Single(SecretsFile.LoadForRun("/nonexistent/secrets.yaml", [.. SecretCatalog.All]).Errors);
        Assert.Contains("does not exist: run 'osinstall secrets generate'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_file_passes_a_real_run()
    {
        using var dir = new TempDir();
        var file = dir.Write("secrets.yaml", string.Join('\n', SecretCatalog.All.Select(s => $"{s.Name}: '{Valid(s)}'")) + "\n");
        var result = SecretsFile.LoadForRun(file, [.. SecretCatalog.All]);
        Assert.True(result.Ok, string.Join('\n', result.Errors));
    }

    [Fact]
    public void Real_run_checks_only_the_secrets_the_selected_components_need()
    {
        using var dir = new TempDir();
        var file = dir.Write("secrets.yaml", "admin_password: 'abcdefgh'\nceph_admin_key: ''\n");
        Assert.True(SecretsFile.LoadForRun(file, [.. SecretCatalog.All], ["admin_password"]).Ok);
        var error = Assert.Single(SecretsFile.LoadForRun(file, [.. SecretCatalog.All], ["admin_password", "ceph_admin_key"]).Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("secret 'ceph_admin_key' is empty: paste the Ceph client.admin key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_run_with_one_bad_line_reports_that_line_only()
    {
        using var dir = new TempDir();
        var lines = SecretCatalog.All.Select(s => $"{s.Name}: '{Valid(s)}'").Append("nova_pasword: 'typo-value'");
        var file = dir.Write("secrets.yaml", string.Join('\n', lines) + "\n");
        var error = Assert.Single(SecretsFile.LoadForRun(file, [.. SecretCatalog.All]).Errors);
        Assert.Equal("nova_pasword", error.Path);
        Assert.Equal(SecretCatalog.All.Count + 1, error.Line);
    }
}
