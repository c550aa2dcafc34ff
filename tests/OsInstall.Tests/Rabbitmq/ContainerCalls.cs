using System.Text;
using System.Text.RegularExpressions;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Rabbitmq;

/// <summary>One command a controller sent into a container (the lxc-attach stand-in records it, it does not run it).</summary>
internal sealed partial record ContainerCall(string Host, string Container, string Command)
{
    public static IReadOnlyList<ContainerCall> Of(SimulatedCluster cluster, string host) =>
        cluster.Calls(host)
            .Where(c => c.Command == "lxc-attach" && c.Args.Count >= 6 && c.Args[0] == "-n" && c.Args[^3] == "/bin/sh" && c.Args[^2] == "-c")
            .Select(c => new ContainerCall(host, c.Args[1], c.Args[^1]))
            .ToList();

    /// <summary>The file this call writes (ShellFileOps.WriteCommand) and its content, or null when it writes none.</summary>
    public (string Path, string Content)? WrittenFile
    {
        get
        {
            var m = WriteCommand().Match(Command);
            return m.Success ? (m.Groups["path"].Value.Trim('\''), Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["b64"].Value.Trim('\'')))) : null;
        }
    }

    /// <summary>The file a secret write (content on standard input) puts in place, or null.</summary>
    public string? SecretFile
    {
        get
        {
            var m = SecretWriteCommand().Match(Command);
            return m.Success ? m.Groups["path"].Value.Trim('\'') : null;
        }
    }

    [GeneratedRegex(@"^if \[ -f (?<path>\S+) \] .* printf %s (?<b64>\S+) \| base64 -d")]
    private static partial Regex WriteCommand();

    [GeneratedRegex(@"\(umask 077 && cat > (?<path>\S+?)\.osinstall-tmp'?\)")]
    private static partial Regex SecretWriteCommand();
}
