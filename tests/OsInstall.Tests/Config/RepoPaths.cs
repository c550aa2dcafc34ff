namespace OsInstall.Tests.Config;

/// <summary>Finds files of the repository from the test's output directory.</summary>
internal static class RepoPaths
{
    /// <summary>The directory holding OsInstall.sln, found by walking up from the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OsInstall.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("OsInstall.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ShippedConfig => Path.Combine(Root, "config", "common.yaml");

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "fixtures");
}
