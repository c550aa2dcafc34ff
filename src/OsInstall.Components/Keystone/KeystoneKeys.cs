using OsInstall.Common.Config;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Components.OpenStack;
using Serilog;

namespace OsInstall.Components.Keystone;

/// <summary>
/// keystone's key repositories, identical on every member: a token issued by one keystone must be
/// valid on the others, and a credential encrypted by one must decrypt on the others. They are
/// created once in keystone-1 (fernet_setup, credential_setup, and the JWS key pair when the token
/// provider is jws) and copied to keystone-2/3 through the controllers by osinstall itself (file
/// by file through the target layer, whose log shows paths and sizes, never contents), only when
/// a member's set differs from keystone-1's.
/// <para>
/// Rotation, together: rotate in keystone-1 only, then let osinstall copy the new set:
/// <c>lxc-attach -n keystone-1 -- /opt/keystone/bin/keystone-manage fernet_rotate --keystone-user keystone --keystone-group keystone</c>
/// (and credential_rotate + credential_migrate for the credential keys), then
/// <c>osinstall component install keystone</c>: its keys-sync steps see keystone-2/3 differ and
/// copy keystone-1's repositories over them, removing the keys keystone-1 no longer has.
/// Never rotate in keystone-2/3: the next sync replaces their keys with keystone-1's.
/// </para>
/// </summary>
internal static class KeystoneKeys
{
    public const string KeyMode = "0600";

    public static bool UsesJws(ClusterConfig config) => config.Openstack.KeystoneTokenProvider == "jws";

    /// <summary>The repositories (relative to /etc/keystone) that must be equal on every member.</summary>
    public static IReadOnlyList<string> Repositories(ClusterConfig config) =>
        UsesJws(config) ? ["fernet-keys", "credential-keys", "jws-keys"] : ["fernet-keys", "credential-keys"];

    /// <summary>keystone-1: each repository created unless its first key exists.</summary>
    public static IEnumerable<string> SetupCommands(ClusterConfig config, OpenStackService service)
    {
        var manage = service.Tool("keystone-manage");
        var owner = new[] { "--keystone-user", service.User, "--keystone-group", service.Group };
        yield return $"[ -e {Sh.Quote(KeystonePaths.FernetKeys + "/0")} ] || {Sh.Join([manage, "fernet_setup", .. owner])}";
        yield return $"[ -e {Sh.Quote(KeystonePaths.CredentialKeys + "/0")} ] || {Sh.Join([manage, "credential_setup", .. owner])}";
        if (UsesJws(config))
        {
            // create_jws_keypair writes private.pem and public.pem into the working directory.
            yield return $"[ -e {Sh.Quote(KeystonePaths.JwsPrivateKeys + "/private.pem")} ] || {{ " +
                         $"{Sh.Join("install", "-d", "-o", service.User, "-g", service.Group, "-m", "0700", KeystonePaths.JwsKeys, KeystonePaths.JwsPrivateKeys, KeystonePaths.JwsPublicKeys)} && " +
                         $"cd {Sh.Quote(KeystonePaths.JwsPrivateKeys)} && {Sh.Join(manage, "create_jws_keypair")} && " +
                         $"{Sh.Join("mv", "public.pem", KeystonePaths.JwsPublicKeys + "/public.pem")} && " +
                         $"{Sh.Join("chown", $"{service.User}:{service.Group}", "private.pem", KeystonePaths.JwsPublicKeys + "/public.pem")} && " +
                         $"{Sh.Join("chmod", KeyMode, "private.pem", KeystonePaths.JwsPublicKeys + "/public.pem")}; }}";
        }
    }

    /// <summary>"sha256  repository/file" for every key file, sorted by path: what two members compare.</summary>
    public static string ManifestCommand(ClusterConfig config) =>
        $"cd {Sh.Quote(KeystonePaths.KeysRoot)} && " +
        $"for d in {string.Join(' ', Repositories(config).Select(Sh.Quote))}; do [ ! -d \"$d\" ] || find \"$d\" -type f; done | sort | xargs -r sha256sum";

    public static IReadOnlyDictionary<string, string> ParseManifest(string text)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
            {
                files[parts[1].Trim()] = parts[0];
            }
        }
        return files;
    }

    /// <summary>
    /// Makes <paramref name="destination"/>'s key repositories equal to <paramref name="source"/>'s:
    /// writes the files that are missing or differ (0600, the service's account), then removes the
    /// files the source does not have. Returns whether anything changed. A source without keys
    /// changes nothing (and is logged as a warning).
    /// </summary>
    public static async Task<bool> SyncAsync(ITarget source, ITarget destination, ClusterConfig config, OpenStackService service, ILogger log, CancellationToken ct)
    {
        var wanted = ParseManifest((await source.RunCheckedAsync(ManifestCommand(config), ct).ConfigureAwait(false)).StdOut);
        if (wanted.Count == 0)
        {
            // Copying an empty set would delete the member's keys: leave them, say so (tokens then fail on keystone-1 itself).
            log.Warning("[{Container}] {Source} has no keystone keys in {Root}: nothing copied", destination.Name, source.Name, KeystonePaths.KeysRoot);
            return false;
        }
        var present = ParseManifest((await destination.RunCheckedAsync(ManifestCommand(config), ct).ConfigureAwait(false)).StdOut);
        var copy = wanted.Where(f => !present.TryGetValue(f.Key, out var sha) || sha != f.Value).Select(f => f.Key).ToList();
        var remove = present.Keys.Where(f => !wanted.ContainsKey(f)).ToList();
        if (copy.Count == 0 && remove.Count == 0)
        {
            log.Information("[{Container}] keystone keys identical to {Source}'s ({Count} files)", destination.Name, source.Name, wanted.Count);
            return false;
        }

        var directories = wanted.Keys.Select(DirectoryOf).Distinct(StringComparer.Ordinal).Select(d => $"{KeystonePaths.KeysRoot}/{d}");
        var spec = new FileSpec(KeyMode, service.User, service.Group);
        foreach (var file in copy)
        {
            var content = await source.ReadFileAsync($"{KeystonePaths.KeysRoot}/{file}", ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{source.Name}: key {file} vanished while copying");
            await destination.WriteFileAsync($"{KeystonePaths.KeysRoot}/{file}", content, spec, ct).ConfigureAwait(false);
        }
        // Directories after the files: the write creates missing ones (root, 0755); keystone wants its own, 0700.
        await destination.RunCheckedAsync(
            Sh.Join(["install", "-d", "-o", service.User, "-g", service.Group, "-m", "0700", .. RootsOf(wanted.Keys).Concat(directories).Distinct(StringComparer.Ordinal)]), ct).ConfigureAwait(false);
        if (remove.Count > 0)
        {
            await destination.RunCheckedAsync(Sh.Join(["rm", "-f", .. remove.Select(f => $"{KeystonePaths.KeysRoot}/{f}")]), ct).ConfigureAwait(false);
        }
        log.Information("[{Container}] keystone keys copied from {Source}: {Copied} written, {Removed} removed", destination.Name, source.Name, copy.Count, remove.Count);
        return true;
    }

    private static string DirectoryOf(string file) => file[..Math.Max(0, file.LastIndexOf('/'))];

    /// <summary>The repositories themselves (jws-keys above its private/public).</summary>
    private static IEnumerable<string> RootsOf(IEnumerable<string> files) =>
        files.Select(f => f.Split('/')[0]).Distinct(StringComparer.Ordinal).Select(r => $"{KeystonePaths.KeysRoot}/{r}");
}
