namespace OsInstall.Tests.Rsyslog;

/// <summary>Collectors and client talking plain TCP, the alternative protocol.</summary>
public sealed class TcpClusterFixture() : RsyslogClusterFixture("tcp");
