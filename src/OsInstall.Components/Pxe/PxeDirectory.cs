namespace OsInstall.Components.Pxe;

/// <summary>What writing one file did to the directory.</summary>
public enum PxeFileChange
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>Writes the rendered files into a directory, touching only those names: other files stay.</summary>
public static class PxeDirectory
{
    private const UnixFileMode DirMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    public static async Task<IReadOnlyList<(PxeFile File, PxeFileChange Change)>> WriteAsync(string dir, IEnumerable<PxeFile> files, CancellationToken ct = default)
    {
        // dnsmasq drops its privileges before serving TFTP: the directory and files must be world-readable.
        Directory.CreateDirectory(dir, DirMode);
        var result = new List<(PxeFile, PxeFileChange)>();
        foreach (var file in files)
        {
            var path = Path.Combine(dir, file.Name);
            PxeFileChange change;
            if (!File.Exists(path))
            {
                change = PxeFileChange.Created;
            }
            else if ((await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false)).AsSpan().SequenceEqual(file.Content))
            {
                change = PxeFileChange.Unchanged;
            }
            else
            {
                change = PxeFileChange.Updated;
            }
            if (change != PxeFileChange.Unchanged)
            {
                // Write beside and rename: a node fetching the file meanwhile gets the old or the new one, never half.
                var temp = path + ".osinstall-new";
                await File.WriteAllBytesAsync(temp, file.Content, ct).ConfigureAwait(false);
                File.SetUnixFileMode(temp, FileMode);
                File.Move(temp, path, overwrite: true);
            }
            result.Add((file, change));
        }
        return result;
    }
}
