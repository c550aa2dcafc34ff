using OsInstall.Common.Secrets;
using OsInstall.Components;
using Xunit;

namespace OsInstall.Tests.Secrets;

/// <summary>What 'secrets generate' relies on: FillMissing and Save.</summary>
public sealed class SecretsGenerateTests
{
    private static SecretStore Generate(string path)
    {
        var store = SecretsFile.LoadChecked(path, SecretCatalog.All).StoreOrThrow(path);
        SecretsFile.FillMissing(store, SecretCatalog.All);
        SecretsFile.Save(path, store, SecretCatalog.All);
        return store;
    }

    [Fact]
    public void Generating_twice_keeps_every_value()
    {
        using var dir = new TempDir();
        var path = dir.File("secrets.yaml");
        var first = Generate(path).Values.ToDictionary();
        var second = Generate(path).Values.ToDictionary();
        Assert.Equal(first, second);
        Assert.Equal(SecretCatalog.All.Count, second.Count);
    }

    [Fact]
    public void Generated_file_is_created_with_mode_0600()
    {
        using var dir = new TempDir();
        var path = dir.File("secrets.yaml");
        Generate(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_stale_world_readable_temp_file_does_not_leak_its_mode()
    {
        using var dir = new TempDir();
        var path = dir.File("secrets.yaml");
        File.WriteAllText(path + ".tmp", "stale");
        File.SetUnixFileMode(path + ".tmp", (UnixFileMode)0b110_110_110);
        Generate(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Only_missing_secrets_are_added()
    {
        using var dir = new TempDir();
        var path = dir.Write("secrets.yaml", "admin_password: 'kept-admin-value'\nceph_admin_key: 'AQBkeyfromceph=='\n");
        var store = SecretsFile.LoadChecked(path, SecretCatalog.All).StoreOrThrow(path);
        var added = SecretsFile.FillMissing(store, SecretCatalog.All);
        Assert.DoesNotContain("admin_password", added);
        Assert.DoesNotContain("ceph_admin_key", added);
        Assert.Equal(SecretCatalog.All.Count - 2, added.Count);
        Assert.Equal("kept-admin-value", store.Get("admin_password"));
        Assert.Equal("AQBkeyfromceph==", store.Get("ceph_admin_key"));
    }

    [Fact]
    public void External_secrets_are_added_empty_and_generated_ones_filled()
    {
        var store = new SecretStore(new Dictionary<string, string> { ["nova_password"] = "" });
        SecretsFile.FillMissing(store, SecretCatalog.All);
        Assert.Equal("", store.Values["ceph_cinder_key"]);
        Assert.Equal(32, store.Values["nova_password"].Length);
        Assert.Equal(8, store.Values["keepalived_auth_pass"].Length);
    }

    [Fact]
    public void Values_with_quotes_and_shell_characters_survive_a_save_and_load()
    {
        using var dir = new TempDir();
        var path = dir.File("secrets.yaml");
        const string tricky = "it's \"$HOME\" `id`; a|b & c > d \\ #x";
        var store = new SecretStore(new Dictionary<string, string> { ["admin_password"] = tricky });
        SecretsFile.Save(path, store, SecretCatalog.All);
        Assert.Equal(tricky, SecretsFile.LoadChecked(path, SecretCatalog.All).StoreOrThrow(path).Get("admin_password"));
    }

    [Fact]
    public void Default_secrets_path_is_beside_the_config()
    {
        Assert.Equal("/etc/osinstall/secrets.yaml", SecretsFile.DefaultPathFor("/etc/osinstall/common.yaml"));
    }
}
