namespace OsInstall.Common.Database;

/// <summary>
/// The SQLAlchemy URLs a service's [database] section gets: <c>connection</c> (the writable
/// master) and, for postgres, <c>slave_connection</c> (reads spread over the standbys by haproxy).
/// </summary>
public sealed record DatabaseUrls(string Connection, string? SlaveConnection);
