using OsInstall.Common.Targets;

namespace OsInstall.Common.Dns;

/// <summary>How <see cref="DnsRecordService"/> reaches named and writes zone files.</summary>
public sealed record DnsServiceOptions
{
    /// <summary>The rndc command words before "reload &lt;zone&gt;" (e.g. add -k/-s/-p for a non-default control channel).</summary>
    public IReadOnlyList<string> Rndc { get; init; } = ["rndc"];

    /// <summary>Zone files are not secret, but named (group named on Alpine) must read them.</summary>
    public FileSpec ZoneFileSpec { get; init; } = new("0644", "root", "named");

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Content for a zone whose file does not exist yet (the bind installer renders its template);
    /// without it a missing zone file is an error.
    /// </summary>
    public Func<DnsZone, string>? CreateMissingZone { get; init; }
}
