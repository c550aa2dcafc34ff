namespace OsInstall.Common.Dns;

/// <summary>
/// One logical entry of a zone file (several physical lines for a parenthesised SOA).
/// <see cref="Text"/> is the entry exactly as read, so untouched lines (comments included) are
/// written back verbatim; it is null for entries the program generated or changed.
/// </summary>
public sealed record ZoneLine(string? Text, ResourceRecord? Record = null, SoaRecord? Soa = null)
{
    /// <summary>Where the SOA serial sits in <see cref="Text"/>, so a new serial keeps the rest of the entry as it was.</summary>
    internal int SerialStart { get; init; } = -1;

    internal int SerialLength { get; init; }
}
