namespace OsInstall.Components.Pxe;

/// <summary>
/// The values of answers.sbn. The answers file is sourced by setup-alpine as shell, so every
/// value here is already quoted with Sh.Quote.
/// </summary>
public sealed record AnswersModel(
    string Interfaces,
    string DnsOpts,
    string TimeZone,
    string Repositories,
    string RootSshKey,
    bool HasRootSshKey,
    string DiskOpts);
