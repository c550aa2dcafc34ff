namespace OsInstall.Tests.TestSupport;

/// <summary>Finds files of the repository from the test binary's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ExampleConfig => Path.Combine(Root, "config", "common.yaml");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OsInstall.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("OsInstall.sln not found above " + AppContext.BaseDirectory);
    }
}
