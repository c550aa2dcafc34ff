namespace OsInstall.Bench;

/// <summary>
/// The osinstall binary as operators get it: published with ReadyToRun beside the bench (a Release
/// build does it); otherwise the plain build beside the bench. Run as its own process.
/// </summary>
public static class Osinstall
{
    public static string AppHost =>
        File.Exists(Published) ? Published : Path.Combine(AppContext.BaseDirectory, "osinstall");

    private static string Published => Path.Combine(AppContext.BaseDirectory, "published", "osinstall");

    public static Task<ChildProcess.Outcome> RunAsync(IEnumerable<string> args, bool watchMemory = false) =>
        File.Exists(AppHost)
            ? ChildProcess.RunAsync(AppHost, args, watchMemory)
            : ChildProcess.RunAsync("dotnet", args.Prepend(Path.Combine(AppContext.BaseDirectory, "osinstall.dll")), watchMemory);
}
