namespace OsInstall.Common.Dns;

/// <summary>What a node add/remove changed: the config file, the zones.</summary>
public sealed record ComputeNodeResult(bool ConfigChanged, bool DnsChanged);
