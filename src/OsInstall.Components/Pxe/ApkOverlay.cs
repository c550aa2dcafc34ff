using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace OsInstall.Components.Pxe;

/// <summary>
/// An Alpine apkovl (a gzipped tar of /etc applied by the initramfs): the same bytes for the same
/// files, so rendering twice changes nothing. Besides the given files it carries the runlevels a
/// diskless Alpine needs when an overlay is present (the initramfs adds none of its own then).
/// </summary>
public static class ApkOverlay
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(0);

    private static readonly (string Runlevel, string[] Services)[] Runlevels =
    [
        ("sysinit", ["devfs", "dmesg", "mdev", "hwdrivers"]),
        ("boot", ["modules", "sysctl", "hostname", "bootmisc", "syslog", "networking"]),
        ("default", ["local"]),
        ("shutdown", ["mount-ro", "killprocs", "savecache"]),
    ];

    /// <summary>A file of the overlay: path relative to / (e.g. etc/apk/world), content, mode.</summary>
    public sealed record Entry(string Path, string Content, UnixFileMode Mode);

    public static byte[] Build(IEnumerable<Entry> files)
    {
        var entries = files.ToList();
        var dirs = new SortedSet<string>(StringComparer.Ordinal) { "etc/runlevels" };
        foreach (var path in entries.Select(e => e.Path).Concat(Runlevels.Select(r => $"etc/runlevels/{r.Runlevel}/x")))
        {
            for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                dirs.Add(dir);
            }
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            const UnixFileMode dirMode = (UnixFileMode)0b111_101_101;
            foreach (var dir in dirs)
            {
                tar.WriteEntry(Stamp(new UstarTarEntry(TarEntryType.Directory, dir + "/") { Mode = dirMode }));
            }
            foreach (var (runlevel, services) in Runlevels)
            {
                foreach (var service in services)
                {
                    tar.WriteEntry(Stamp(new UstarTarEntry(TarEntryType.SymbolicLink, $"etc/runlevels/{runlevel}/{service}")
                    {
                        LinkName = $"/etc/init.d/{service}",
                        Mode = (UnixFileMode)0b111_111_111,
                    }));
                }
            }
            foreach (var file in entries.OrderBy(e => e.Path, StringComparer.Ordinal))
            {
                var entry = Stamp(new UstarTarEntry(TarEntryType.RegularFile, file.Path) { Mode = file.Mode });
                entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(file.Content));
                tar.WriteEntry(entry);
            }
        }
        return buffer.ToArray();
    }

    private static UstarTarEntry Stamp(UstarTarEntry entry)
    {
        entry.ModificationTime = Epoch;
        entry.Uid = 0;
        entry.Gid = 0;
        entry.UserName = "root";
        entry.GroupName = "root";
        return entry;
    }
}
