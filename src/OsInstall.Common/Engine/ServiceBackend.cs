namespace OsInstall.Common.Engine;

/// <summary>How haproxy passes a frontend's traffic on: HTTP (an OpenStack API) or plain TCP (postgres reads).</summary>
public enum BackendMode
{
    Http,
    Tcp,
}

/// <summary>One server of a backend: a container (by its DNS name) and the port one worker listens on.</summary>
public sealed record BackendServer(string Name, string Address, int Port);

/// <summary>
/// A frontend haproxy serves on the VIP and the servers behind it, declared by the component that
/// owns the service (<see cref="IComponent.Backends"/>). haproxy's config is generated from the
/// backends of the components that are installed, so adding or removing a service regenerates it.
/// </summary>
/// <param name="Name">Frontend/backend name in haproxy.cfg (keystone-public, nova-api, ...).</param>
/// <param name="Port">Port haproxy binds on its containers (and so on the VIP).</param>
/// <param name="CheckPath">HTTP path haproxy's health check asks (null: a TCP connect check).</param>
/// <param name="TunnelTimeout">
/// How long an upgraded (websocket) or TCP connection may stay idle (null: haproxy's defaults, 180 s):
/// long for consoles, which sit idle while the operator reads.
/// </param>
public sealed record ServiceBackend(
    string Name,
    int Port,
    IReadOnlyList<BackendServer> Servers,
    BackendMode Mode = BackendMode.Http,
    string? CheckPath = null,
    TimeSpan? TunnelTimeout = null);
