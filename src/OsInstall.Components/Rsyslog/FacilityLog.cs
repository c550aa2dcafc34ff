namespace OsInstall.Components.Rsyslog;

/// <summary>Messages of <see cref="Facility"/> go to <see cref="File"/> in the collectors' log directory.</summary>
public sealed record FacilityLog(string Facility, string File);
