namespace OsInstall.Common.Targets.Ssh;

/// <summary>Where a configured host is reached: its config name, address, port and login user.</summary>
public sealed record SshEndpoint(string Name, string Address, int Port, string User)
{
    /// <summary>
    /// The names known_hosts may list this host under, in OpenSSH's form:
    /// bare for port 22, <c>[name]:port</c> otherwise.
    /// </summary>
    public IReadOnlyList<string> KnownHostsNames =>
        Port == 22 ? [Address, Name] : [$"[{Address}]:{Port}", $"[{Name}]:{Port}"];

    public override string ToString() => $"{Name} ({Address}:{Port})";
}
