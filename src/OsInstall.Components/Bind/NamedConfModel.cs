namespace OsInstall.Components.Bind;

/// <summary>The values of named.conf.sbn for one server.</summary>
public sealed record NamedConfModel(
    bool Primary,
    string ConfDir,
    string DataDir,
    string RunDir,
    int Port,
    IReadOnlyList<string> ListenAddresses,
    IReadOnlyList<string> AclNetworks,
    IReadOnlyList<string> Forwarders,
    string DnssecValidation,
    int RndcPort,
    string RndcKeyName,
    string TransferKeyName,
    NamedEndpoint PrimaryEndpoint,
    IReadOnlyList<NamedEndpoint> NotifyTargets,
    IReadOnlyList<NamedZoneEntry> Zones);
