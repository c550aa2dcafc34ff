using OsInstall.Common.Secrets;
using OsInstall.Components;

namespace OsInstall.Tests.OpenStack;

/// <summary>
/// A value for every secret of the catalog, each distinct and holding the characters that break
/// naive quoting and oslo.config ('$' interpolation, '%', '@', ':', '/', quotes).
/// </summary>
internal static class OpenStackTestSecrets
{
    public static SecretStore Create() =>
        new(SecretCatalog.All.ToDictionary(s => s.Name, s => Value(s.Name), StringComparer.Ordinal));

    public static string Value(string name) => $"S3cr$t{name.Length}@x:y/z%'\"{name.Replace('_', 'Q')}";

    public static IEnumerable<string> Values => SecretCatalog.All.Select(s => Value(s.Name));
}
