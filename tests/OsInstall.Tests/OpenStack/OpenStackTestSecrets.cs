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

    /// <summary>
    /// What every hostile secret holds: shell metacharacters and a command substitution, the
    /// interpolations of oslo.config ($z, ${y}, \$), Python (%(x)s, %%) and URLs (@ : / ? =), the
    /// comment starters of ini formats (# ;), both quotes and backslashes.
    /// </summary>
    public const string HostilePayload = "v'\"$\\`;|&<> $(touch /tmp/pwned) %(x)s ${y} $z %% # ;x \\$w \\\\ @:/?=&";

    /// <summary>
    /// A store where every secret is a distinct hostile value (<see cref="Hostile"/>): a rendered
    /// file must carry each one so that its real parser reads back exactly that value.
    /// </summary>
    public static SecretStore CreateHostile() =>
        new(SecretCatalog.All.ToDictionary(s => s.Name, s => Hostile(s.Name), StringComparer.Ordinal));

    /// <summary>
    /// <see cref="HostilePayload"/> after the secret's <see cref="Tag"/>, in one of four shapes taken
    /// in turn down the catalog: bare, with leading and trailing spaces (which ini parsers strip),
    /// and wrapped in single or double quotes (which oslo.config strips as a pair).
    /// </summary>
    public static string Hostile(string name)
    {
        var index = SecretCatalog.All.Select(s => s.Name).ToList().IndexOf(name);
        var body = Tag(name) + HostilePayload;
        return (index % 4) switch
        {
            0 => body,
            1 => $"  {body} ",
            2 => $"'{body}'",
            _ => $"\"{body}\"",
        };
    }

    /// <summary>Marks a secret's value: letters and '_' only, so it reads the same percent-encoded; no tag holds another.</summary>
    public static string Tag(string name) => $"Q{name}Q";
}
