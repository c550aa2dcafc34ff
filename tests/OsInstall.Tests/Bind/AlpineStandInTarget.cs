using OsInstall.Common.Alpine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Tests.Bind;

/// <summary>
/// This machine standing in for an Alpine controller whose named is one of the test's foreground
/// servers: apk and OpenRC (absent here) answer as on a host with bind installed, enabled and
/// started, and a restart becomes "rndc reload", which rereads named.conf and the zones as a
/// restart would. Every other command (named-checkconf, rndc, file writes) runs for real.
/// </summary>
internal sealed class AlpineStandInTarget(ITarget inner, IReadOnlyList<string> rndc) : ITarget
{
    private static readonly OpenRcService Named = new("named");

    public string Name => inner.Name;

    public List<string> Intercepted { get; } = [];

    public Task<CommandResult> RunAsync(string command, CancellationToken ct = default)
    {
        if (command == Apk.Add("bind") || command == Named.EnableAndRun(configChanged: false))
        {
            return Answer(command, "");
        }
        if (command == Named.Status)
        {
            return Answer(command, " * status: started\n");
        }
        if (command == Named.EnableAndRun(configChanged: true))
        {
            Intercepted.Add(command);
            return inner.RunAsync(Sh.Join([.. rndc, "reload"]), ct);
        }
        return inner.RunAsync(command, ct);
    }

    public Task<bool> WriteFileAsync(string path, string content, FileSpec spec, CancellationToken ct = default) =>
        inner.WriteFileAsync(path, content, spec, ct);

    public Task<string?> ReadFileAsync(string path, CancellationToken ct = default) => inner.ReadFileAsync(path, ct);

    public Task<bool> ExistsAsync(string path, CancellationToken ct = default) => inner.ExistsAsync(path, ct);

    private Task<CommandResult> Answer(string command, string stdout)
    {
        Intercepted.Add(command);
        return Task.FromResult(new CommandResult(0, stdout, "", TimeSpan.Zero));
    }
}
