using OsInstall.Common.Config;

namespace OsInstall.Tests.Rsyslog;

/// <summary>config/common.yaml of the repository: the example cluster the product ships.</summary>
internal static class ShippedConfig
{
    public static ClusterConfig Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "config", "common.yaml")))
        {
            dir = dir.Parent;
        }
        if (dir is null)
        {
            throw new InvalidOperationException("config/common.yaml not found above " + AppContext.BaseDirectory);
        }
        var result = ConfigLoader.LoadFile(Path.Combine(dir.FullName, "config", "common.yaml"));
        return result.Config ?? throw new InvalidOperationException(
            "config/common.yaml is invalid: " + string.Join("; ", result.Errors.Select(e => e.ToString())));
    }
}
