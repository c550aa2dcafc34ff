namespace OsInstall.Components.Rsyslog;

/// <summary>One link of the forwarding chain: a collector's address and port.</summary>
public sealed record CollectorEndpoint(string Host, int Port);
