using System.Text.RegularExpressions;

namespace OsInstall.Common.Config.Rules;

/// <summary>The shapes of the non-address values the config holds.</summary>
public static partial class TextFormats
{
    public static bool IsMac(string s) => MacPattern().IsMatch(s);

    public static bool IsOui(string s) => OuiPattern().IsMatch(s);

    /// <summary>A DNS label (RFC 1123): 1-63 letters, digits and hyphens, not starting or ending with a hyphen.</summary>
    public static bool IsDnsLabel(string s) => s.Length <= 63 && LabelPattern().IsMatch(s);

    /// <summary>A DNS name of at least two labels, at most 253 characters.</summary>
    public static bool IsDnsName(string s) =>
        s.Length <= 253 && s.Split('.') is { Length: >= 2 } labels && labels.All(IsDnsLabel);

    /// <summary>A size with a unit: 1G, 512M, 256m.</summary>
    public static bool IsSize(string s) => SizePattern().IsMatch(s);

    public static bool IsUuid(string s) => UuidPattern().IsMatch(s);

    public static bool IsHttpUrl(string s) =>
        !s.Any(char.IsWhiteSpace)
        && Uri.TryCreate(s, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    /// <summary>A Linux interface name: 1-15 characters, no slash, colon or whitespace.</summary>
    public static bool IsInterfaceName(string s) => InterfacePattern().IsMatch(s);

    /// <summary>A plain identifier (bridge, router, Ceph pool or client): letters, digits, '.', '_', '-'.</summary>
    public static bool IsPlainName(string s) => PlainNamePattern().IsMatch(s);

    /// <summary>A file name with no directory part: no '/', not '.' or '..'.</summary>
    public static bool IsPlainFileName(string s) => PlainNamePattern().IsMatch(s) && !s.Contains("..", StringComparison.Ordinal) && s != ".";

    /// <summary>
    /// An e-mail address keepalived.conf can hold as one token: letters, digits and . _ % + - before
    /// the '@' (keepalived's parser ends a token at whitespace, starts a comment at '#' or '!', and
    /// gives '"', '{', '}', '$', '~' and '\' meanings), a host name after it.
    /// </summary>
    public static bool IsEmail(string s) => EmailPattern().IsMatch(s);

    /// <summary>An IANA time zone name: UTC, Europe/London, America/Argentina/Buenos_Aires.</summary>
    public static bool IsTimeZone(string s) => TimeZonePattern().IsMatch(s);

    /// <summary>A version as packages and pip pins write it: 4.0.5, 2026.1, 3.0, 1.6.38-r0.</summary>
    public static bool IsVersion(string s) => VersionPattern().IsMatch(s);

    /// <summary>A major version alone: 17.</summary>
    public static bool IsMajorVersion(string s) => MajorVersionPattern().IsMatch(s);

    /// <summary>A git branch or tag name: stable/2026.1, v3.5.0 (no '..', no leading '-' or '/').</summary>
    public static bool IsGitRef(string s) => GitRefPattern().IsMatch(s) && !s.Contains("..", StringComparison.Ordinal) && !s.EndsWith('/');

    /// <summary>An absolute path of plain components: /var/lib/tftpboot.</summary>
    public static bool IsAbsolutePath(string s) =>
        AbsolutePathPattern().IsMatch(s) && !s.Split('/').Any(part => part is "." or "..");

    [GeneratedRegex("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}\\z")]
    private static partial Regex MacPattern();

    [GeneratedRegex("^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){2}\\z")]
    private static partial Regex OuiPattern();

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\\z")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[1-9][0-9]{0,8}[KMGTkmgt]\\z")]
    private static partial Regex SizePattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z")]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^[a-zA-Z0-9_.-]{1,15}\\z")]
    private static partial Regex InterfacePattern();

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}\\z")]
    private static partial Regex PlainNamePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}\\z")]
    private static partial Regex TimeZonePattern();

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z._+~-]{0,63}\\z")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[1-9][0-9]{0,2}\\z")]
    private static partial Regex MajorVersionPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._/+-]{0,199}\\z")]
    private static partial Regex GitRefPattern();

    [GeneratedRegex("^(/[A-Za-z0-9._+-]+)+/?\\z")]
    private static partial Regex AbsolutePathPattern();

    [GeneratedRegex("^[A-Za-z0-9._%+-]+@[a-zA-Z0-9.-]+\\z")]
    private static partial Regex EmailPattern();
}
