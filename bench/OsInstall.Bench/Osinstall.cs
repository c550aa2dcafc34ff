namespace OsInstall.Bench;

/// <summary>The osinstall binary built beside the bench (Release with -c Release), run as its own process.</summary>
public static class Osinstall
{
    public static string AppHost => Path.Combine(AppContext.BaseDirectory, "osinstall");

    public static Task<ChildProcess.Outcome> RunAsync(IEnumerable<string> args, bool watchMemory = false) =>
        File.Exists(AppHost)
            ? ChildProcess.RunAsync(AppHost, args, watchMemory)
            : ChildProcess.RunAsync("dotnet", args.Prepend(Path.Combine(AppContext.BaseDirectory, "osinstall.dll")), watchMemory);
}
