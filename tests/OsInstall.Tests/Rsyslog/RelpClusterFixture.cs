namespace OsInstall.Tests.Rsyslog;

/// <summary>Collectors and client talking RELP, the default protocol.</summary>
public sealed class RelpClusterFixture() : RsyslogClusterFixture("relp");
