namespace OsInstall.Common.Dns;

/// <summary>SOA serials in the YYYYMMDDnn convention: readable as a date, always moving forward.</summary>
public static class ZoneSerial
{
    /// <summary>The first serial of a day: YYYYMMDD01.</summary>
    public static long FirstOf(DateOnly day) => ((day.Year * 10000L) + (day.Month * 100L) + day.Day) * 100 + 1;

    /// <summary>max(today01, current + 1): secondaries only transfer when the serial grows.</summary>
    public static long Next(long current, DateOnly today) => Math.Max(FirstOf(today), current + 1);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
