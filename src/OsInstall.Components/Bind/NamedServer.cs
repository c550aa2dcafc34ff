namespace OsInstall.Components.Bind;

/// <summary>
/// Where and how one named runs. Production values come from the config
/// (<see cref="BindSettings.FromConfig"/>); tests move ports and directories so that three servers
/// fit on 127.0.0.1 of one machine.
/// </summary>
public sealed record NamedServer(
    string Host,
    string Address,
    int Port,
    int RndcPort,
    IReadOnlyList<string> ListenAddresses,
    string ConfDir = "/etc/bind",
    string DataDir = "/var/bind",
    string RunDir = "/var/run/named")
{
    public string ConfPath => $"{ConfDir}/named.conf";

    public string RndcKeyPath => $"{ConfDir}/rndc.key";

    public string TransferKeyPath => $"{ConfDir}/transfer.key";
}
