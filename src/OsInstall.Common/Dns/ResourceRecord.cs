namespace OsInstall.Common.Dns;

/// <summary>
/// One record of a zone file other than the SOA. <see cref="Owner"/> is absolute, lower case,
/// with the trailing dot; <see cref="Data"/> is the rdata as written (tokens joined by one space).
/// </summary>
public sealed record ResourceRecord(string Owner, string Type, string Data, string? Ttl = null, string? Class = null)
{
    /// <summary>The line had no owner of its own (leading blank) and took the previous record's.</summary>
    public bool OwnerInherited { get; init; }
}
