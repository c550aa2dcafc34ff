namespace OsInstall.Components.Postgres;

/// <summary>One member of the replication set: its container, its address on the internal network, and how the others reach it.</summary>
/// <param name="Name">Container name (postgres-1 ..), also its application_name.</param>
/// <param name="Index">1-based; the master at install is member 1.</param>
/// <param name="Address">Its IP address (pg_hba replication entry, keepalived unicast peer).</param>
/// <param name="Host">The name or address the other members connect to.</param>
/// <param name="Port">Its server port.</param>
public sealed record PostgresPeer(string Name, int Index, string Address, string Host, int Port)
{
    /// <summary>The physical replication slot this member streams through (on whichever member is the master).</summary>
    public string SlotName => $"replication_slot_{Index}";

    public string Endpoint => $"{Host}:{Port}";
}

/// <summary>
/// The replication set as the files see it: the members, the name standbys stream from (the VIP's
/// DNS name, which follows the master), the networks services connect from, and the VIP itself.
/// </summary>
public sealed record PostgresTopology(
    IReadOnlyList<PostgresPeer> Peers,
    string PrimaryHost,
    int PrimaryPort,
    IReadOnlyList<string> ClientNetworks,
    string? Vip)
{
    /// <summary>Quorum commit as the original wrote it: a commit waits until one of the standbys has applied it.</summary>
    public const string SynchronousStandbyNames = "ANY 1 (*)";

    public PostgresPeer Peer(string name) =>
        Peers.FirstOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"{name} is not a postgres member");

    public IEnumerable<PostgresPeer> Others(PostgresPeer peer) => Peers.Where(p => p.Name != peer.Name);

    /// <summary>Addresses allowed to stream: every member, and the VIP (a member's connection may leave from it).</summary>
    public IReadOnlyList<string> ReplicationAddresses =>
        Peers.Select(p => p.Address).Concat(Vip is null ? [] : [Vip]).Distinct(StringComparer.Ordinal).ToList();
}
