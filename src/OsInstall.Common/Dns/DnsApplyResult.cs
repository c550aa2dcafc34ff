namespace OsInstall.Common.Dns;

/// <summary>What a batch did: zones whose file changed (serial bumped, reloaded if asked), zones created from scratch.</summary>
public sealed record DnsApplyResult(IReadOnlyList<string> ChangedZones, IReadOnlyList<string> CreatedZones)
{
    public bool Changed => ChangedZones.Count > 0 || CreatedZones.Count > 0;
}
