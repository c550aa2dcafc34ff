using System.Text.Json;
using OsInstall.Common.Config;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>
/// The one place an rbd command line is built: every call carries the configured ceph.conf,
/// keyring, client id and pool, so no caller can talk to another cluster or pool by accident.
/// Queries use --format json because rbd's plain output is meant for people and changes between releases.
/// </summary>
public sealed class RbdCli(CephSection ceph)
{
    public string Pool => ceph.RbdPool;

    /// <summary>The block device udev creates for a mapped image.</summary>
    public string DevicePath(string image) => $"/dev/rbd/{ceph.RbdPool}/{image}";

    public string Command(params string[] args) =>
        Sh.Join(["rbd", "-c", ceph.ConfPath, "-k", ceph.ClientKeyringPath, "--id", ceph.Client, "-p", ceph.RbdPool, .. args]);

    public static string Spec(string image, string snapshot) => $"{image}@{snapshot}";

    public async Task<IReadOnlyList<string>> ListAsync(ITarget host, CancellationToken ct)
    {
        var result = await host.RunCheckedAsync(Command("ls", "--format", "json"), ct).ConfigureAwait(false);
        return Parse(result, doc => doc.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToList());
    }

    public async Task<bool> ExistsAsync(ITarget host, string image, CancellationToken ct) =>
        (await ListAsync(host, ct).ConfigureAwait(false)).Contains(image, StringComparer.Ordinal);

    /// <summary>Size and parent of an image; null when there is no such image.</summary>
    public async Task<RbdImageInfo?> InfoAsync(ITarget host, string image, CancellationToken ct)
    {
        if (!await ExistsAsync(host, image, ct).ConfigureAwait(false))
        {
            return null;
        }
        var result = await host.RunCheckedAsync(Command("info", image, "--format", "json"), ct).ConfigureAwait(false);
        return Parse(result, doc =>
        {
            var root = doc.RootElement;
            RbdParent? parent = null;
            if (root.TryGetProperty("parent", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                parent = new RbdParent(p.GetProperty("pool").GetString() ?? "", p.GetProperty("image").GetString() ?? "", p.GetProperty("snapshot").GetString() ?? "");
            }
            return new RbdImageInfo(image, root.GetProperty("size").GetInt64(), parent);
        });
    }

    public async Task<IReadOnlyList<RbdSnapshot>> SnapshotsAsync(ITarget host, string image, CancellationToken ct)
    {
        var result = await host.RunCheckedAsync(Command("snap", "ls", image, "--format", "json"), ct).ConfigureAwait(false);
        return Parse(result, doc => doc.RootElement.EnumerateArray()
            .Select(e => new RbdSnapshot(e.GetProperty("name").GetString() ?? "", IsTrue(e.GetProperty("protected"))))
            .ToList());
    }

    /// <summary>Images cloned from image@snapshot ("pool/image").</summary>
    public async Task<IReadOnlyList<string>> ChildrenAsync(ITarget host, string image, string snapshot, CancellationToken ct)
    {
        var result = await host.RunCheckedAsync(Command("children", Spec(image, snapshot), "--format", "json"), ct).ConfigureAwait(false);
        return Parse(result, doc => doc.RootElement.EnumerateArray()
            .Select(e => $"{e.GetProperty("pool").GetString()}/{e.GetProperty("image").GetString()}")
            .ToList());
    }

    /// <summary>Maps the image on this host unless its device is already there; returns the device.</summary>
    public async Task<string> EnsureMappedAsync(ITarget host, string image, CancellationToken ct)
    {
        var device = DevicePath(image);
        if (!await host.ExistsAsync(device, ct).ConfigureAwait(false))
        {
            await host.RunCheckedAsync(Command("device", "map", image), ct).ConfigureAwait(false);
        }
        return device;
    }

    public async Task EnsureUnmappedAsync(ITarget host, string image, CancellationToken ct)
    {
        if (await host.ExistsAsync(DevicePath(image), ct).ConfigureAwait(false))
        {
            await host.RunCheckedAsync(Command("device", "unmap", image), ct).ConfigureAwait(false);
        }
    }

    // rbd prints protected as the string "true"/"false" in JSON.
    private static bool IsTrue(JsonElement e) =>
        e.ValueKind == JsonValueKind.True || (e.ValueKind == JsonValueKind.String && e.GetString() == "true");

    private static T Parse<T>(CommandResult result, Func<JsonDocument, T> read)
    {
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(result.StdOut) ? "[]" : result.StdOut);
            return read(doc);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidOperationException($"rbd answered something that is not the expected JSON: {result.StdOut.Trim()}", ex);
        }
    }
}
