using System.Text;
using OsInstall.Common.Config;
using OsInstall.Components;
using OsInstall.Components.Pxe;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Pxe;

/// <summary>The example config with edits, rendered into a temporary directory by the real renderer.</summary>
internal sealed class PxeRender : IDisposable
{
    public const string MacsAndPool = "macs-and-pool";

    private readonly TempDir temp = new("osinstall-pxe");

    public PxeRender(string yaml, string? rootKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJxfakekeyforthetestsonly root@controller-1")
    {
        var loaded = ConfigLoader.LoadText(yaml);
        Assert.True(loaded.Ok, string.Join('\n', loaded.Errors));
        Config = loaded.Config!;
        // dnsmasq serves TFTP after dropping privileges: like pxe serve, a world-readable directory.
        File.SetUnixFileMode(temp.Path, (UnixFileMode)0b111_101_101);
        Files = PxeFiles.Render(Config, ComponentCatalog.Templates, Dir, rootKey);
        PxeDirectory.WriteAsync(Dir, Files).GetAwaiter().GetResult();
    }

    public ClusterConfig Config { get; }
    public IReadOnlyList<PxeFile> Files { get; }
    public string Dir => temp.Path;

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    public string Text(string name) => Encoding.UTF8.GetString(Files.Single(f => f.Name == name).Content);

    /// <summary>config/common.yaml with each (find, replace) applied once; a find that is missing fails the test.</summary>
    public static string Yaml(params (string Find, string Replace)[] edits)
    {
        var text = File.ReadAllText(RepoPaths.ExampleConfig);
        foreach (var (find, replace) in edits)
        {
            var at = text.IndexOf(find, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{find}' is not in config/common.yaml");
            text = text[..at] + replace + text[(at + find.Length)..];
        }
        return text;
    }

    /// <summary>Every node with a MAC, and a dynamic pool.</summary>
    public static string WithMacsAndPool() => Yaml(
        ("    address: 10.1.1.1\n", "    address: 10.1.1.1\n    mac: \"52:54:00:00:00:01\"\n"),
        ("    address: 10.1.1.4\n", "    address: 10.1.1.4\n    mac: \"52:54:00:00:00:04\"\n"),
        ("    address: 10.1.1.5\n", "    address: 10.1.1.5\n    mac: \"52:54:00:AB:CD:05\"\n"),
        ("  dhcp_range_start: \"\"", "  dhcp_range_start: 10.1.1.200"),
        ("  dhcp_range_end: \"\"", "  dhcp_range_end: 10.1.1.220"));

    /// <summary>A local mirror, another release and architecture, a serial console too.</summary>
    public static string WithLocalMirror() => Yaml(
        ("  mirror: https://dl-cdn.alpinelinux.org/alpine", "  mirror: http://10.1.1.1/alpine/"),
        ("  release: \"3.22\"", "  release: \"3.21\""),
        ("  arch: amd64", "  arch: arm64"),
        ("    - tty0", "    - tty0\n    - ttyS0,115200n8"));

    public void Dispose() => temp.Dispose();
}
