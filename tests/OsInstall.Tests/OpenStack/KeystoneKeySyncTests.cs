using System.Security.Cryptography;
using System.Text;
using OsInstall.Common.Targets;
using OsInstall.Components.Keystone;
using OsInstall.Tests.Dns;
using OsInstall.Tests.Prepare;

namespace OsInstall.Tests.OpenStack;

/// <summary>
/// keystone-2/3 get exactly keystone-1's key repositories: copied when they differ (after a
/// rotation in keystone-1 too), nothing touched when they are equal, never emptied.
/// The containers are in-memory targets that answer the manifest command from their files.
/// </summary>
public sealed class KeystoneKeySyncTests
{
    private static readonly Common.Config.ClusterConfig Config = RenderedConfigs.ExampleConfig();
    private static readonly Components.OpenStack.OpenStackService Service = new KeystoneInstaller().Service;

    private static MemoryTarget Container(string name, params (string File, string Key)[] keys)
    {
        MemoryTarget? target = null;
        target = new MemoryTarget(name, command =>
        {
            if (command == KeystoneKeys.ManifestCommand(Config))
            {
                return new CommandResult(0, Manifest(target!), "", TimeSpan.Zero);
            }
            if (command.StartsWith("rm -f ", StringComparison.Ordinal))
            {
                // The paths are plain words (Sh.Join leaves them unquoted).
                foreach (var path in command["rm -f ".Length..].Split(' '))
                {
                    target!.Files.Remove(path);
                }
            }
            return new CommandResult(0, "", "", TimeSpan.Zero);
        });
        foreach (var (file, key) in keys)
        {
            target.Files[$"/etc/keystone/{file}"] = (key, new FileSpec("0600", "keystone", "keystone"));
        }
        return target;
    }

    /// <summary>What sha256sum prints for the files below /etc/keystone, sorted by path.</summary>
    private static string Manifest(MemoryTarget target) =>
        string.Concat(target.Files
            .Where(f => f.Key.StartsWith("/etc/keystone/", StringComparison.Ordinal))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(f.Value.Content)))}  {f.Key["/etc/keystone/".Length..]}\n"));

    private static Task<bool> SyncAsync(MemoryTarget source, MemoryTarget destination) =>
        KeystoneKeys.SyncAsync(source, destination, Config, Service, Serilog.Core.Logger.None, CancellationToken.None);

    private static Dictionary<string, string> Keys(MemoryTarget t) =>
        t.Files.Where(f => f.Key.StartsWith("/etc/keystone/", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value.Content);

    [Fact]
    public async Task A_member_without_keys_gets_keystone_1s_keys_owned_by_keystone_with_mode_0600()
    {
        var first = Container("keystone-1", ("fernet-keys/0", "F0="), ("fernet-keys/1", "F1="), ("credential-keys/0", "C0="), ("credential-keys/1", "C1="));
        var second = Container("keystone-2");

        Assert.True(await SyncAsync(first, second));

        Assert.Equal(Keys(first), Keys(second));
        Assert.All(second.Files.Values, f => Assert.Equal(new FileSpec("0600", "keystone", "keystone"), f.Spec));
        var install = Assert.Single(second.Commands, c => c.StartsWith("install -d", StringComparison.Ordinal));
        Assert.Equal("install -d -o keystone -g keystone -m 0700 /etc/keystone/credential-keys /etc/keystone/fernet-keys", install);
    }

    [Fact]
    public async Task Identical_members_are_left_alone()
    {
        var first = Container("keystone-1", ("fernet-keys/0", "F0="), ("credential-keys/0", "C0="));
        var second = Container("keystone-2", ("fernet-keys/0", "F0="), ("credential-keys/0", "C0="));

        Assert.False(await SyncAsync(first, second));

        Assert.Empty(second.Writes);
        Assert.Empty(first.Reads);
        Assert.Equal([KeystoneKeys.ManifestCommand(Config)], second.Commands);
    }

    [Fact]
    public async Task After_a_rotation_in_keystone_1_the_new_keys_arrive_and_the_dropped_one_goes()
    {
        // fernet_rotate: 0 (staged) became 3, a new staged 0, the oldest (1) removed.
        var first = Container("keystone-1", ("fernet-keys/0", "NEW0="), ("fernet-keys/2", "F2="), ("fernet-keys/3", "F0="), ("credential-keys/0", "C0="));
        var second = Container("keystone-2", ("fernet-keys/0", "F0="), ("fernet-keys/1", "F1="), ("fernet-keys/2", "F2="), ("credential-keys/0", "C0="));

        Assert.True(await SyncAsync(first, second));

        Assert.Equal(Keys(first), Keys(second));
        Assert.Equal(["/etc/keystone/fernet-keys/0", "/etc/keystone/fernet-keys/3"], first.Reads);
        Assert.Contains("rm -f /etc/keystone/fernet-keys/1", second.Commands);
    }

    [Fact]
    public async Task A_keystone_1_without_keys_empties_nobody()
    {
        var first = Container("keystone-1");
        var second = Container("keystone-2", ("fernet-keys/0", "F0="));

        Assert.False(await SyncAsync(first, second));

        Assert.Equal("F0=", Keys(second)["/etc/keystone/fernet-keys/0"]);
        Assert.DoesNotContain(second.Commands, c => c.StartsWith("rm", StringComparison.Ordinal));
    }

    [Fact]
    public void Jws_keys_are_set_up_in_keystone_1_and_synchronised_with_the_others()
    {
        var jws = RenderedConfigs.ExampleConfig(c => c.Openstack.KeystoneTokenProvider = "jws");

        Assert.Equal(["fernet-keys", "credential-keys", "jws-keys"], KeystoneKeys.Repositories(jws));
        var setup = KeystoneKeys.SetupCommands(jws, Service).ToList();
        Assert.Equal(3, setup.Count);
        Assert.Contains("create_jws_keypair", setup[2], StringComparison.Ordinal);
        Assert.Equal(2, KeystoneKeys.SetupCommands(Config, Service).Count());
    }

    [Fact]
    public async Task Setup_and_manifest_commands_pass_shellcheck()
    {
        var jws = RenderedConfigs.ExampleConfig(c => c.Openstack.KeystoneTokenProvider = "jws");
        var script = "#!/bin/sh\n" + string.Join("\n", KeystoneKeys.SetupCommands(jws, Service).Append(KeystoneKeys.ManifestCommand(jws))) + "\n";

        var (exit, findings) = await ShellCheck.RunAsync(script);

        Assert.True(exit == 0, findings + "\n" + script);
    }

    [Fact]
    public void The_manifest_is_parsed_by_path()
    {
        var manifest = KeystoneKeys.ParseManifest("abc  fernet-keys/0\ndef  credential-keys/1\n\n");

        Assert.Equal(new Dictionary<string, string> { ["credential-keys/1"] = "def", ["fernet-keys/0"] = "abc" }, manifest);
    }
}
