namespace OsInstall.Common.Shell;

/// <summary>The check apk and apt-get commands share before a package name goes into a command line.</summary>
internal static class PackageNames
{
    /// <summary>The names as a list; throws when there is none, or one is empty or would reach the tool as an option.</summary>
    public static List<string> Checked(IEnumerable<string> packages)
    {
        var list = packages.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("no packages named", nameof(packages));
        }
        // A name starting with '-' would reach the package tool as an option.
        if (list.Find(p => p.Length == 0 || p.StartsWith('-')) is { } bad)
        {
            throw new ArgumentException($"'{bad}' is not a package name", nameof(packages));
        }
        return list;
    }
}
