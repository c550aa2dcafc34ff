namespace OsInstall.Components.Ovn;

/// <summary>The OpenRC services of the component, in start order (stopped in reverse).</summary>
internal static class OvnServices
{
    public const string OvsdbServer = "ovsdb-server";
    public const string OvsVswitchd = "ovs-vswitchd";
    public const string NbServer = "ovn-ovsdb-server-nb";
    public const string SbServer = "ovn-ovsdb-server-sb";
    public const string Northd = "ovn-northd";
    public const string Controller = "ovn-controller";

    public static readonly IReadOnlyList<string> StartOrder = [OvsdbServer, OvsVswitchd, SbServer, NbServer, Northd, Controller];

    /// <summary>The template of each service's init script (resource name).</summary>
    public static string Template(string service) => $"Ovn/templates/{service}.sbn";
}
