namespace OsInstall.Common.Dns;

/// <summary>The SOA of a zone; the timers are kept as written (they may carry units such as 1d).</summary>
public sealed record SoaRecord(
    string Owner,
    string PrimaryNameServer,
    string Mailbox,
    long Serial,
    string Refresh,
    string Retry,
    string Expire,
    string Minimum);
