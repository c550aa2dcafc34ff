using System.Globalization;
using System.Text.RegularExpressions;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// One REST API served by bjoern workers (item 8 of the control plane): every container of the
/// service runs <c>openstack.bjoern_workers</c> OpenRC services <c>&lt;Name&gt;-1..N</c>, each one
/// bjoern process on its own port, and haproxy balances the API's well-known port over all
/// (container x worker) pairs.
/// <para>
/// Port scheme (the original's): haproxy binds <see cref="Port"/> on the VIP; worker n of every
/// container listens on <see cref="WorkerBasePort"/> + n. keystone: haproxy 5000, workers
/// 5001, 5002, ...; nova-api: haproxy 8774, workers 4001, ... The worker range of two APIs in one
/// container must not overlap (<see cref="OpenStackService"/> checks it), and haproxy runs in its
/// own containers, so a worker may reuse a well-known port number.
/// </para>
/// </summary>
/// <param name="Name">API name: the OpenRC service prefix, the haproxy frontend and the runner's file name (keystone, nova-api, ...).</param>
/// <param name="Module">Python module that holds the WSGI application or its factory (keystone.server.wsgi).</param>
/// <param name="Attribute">Name in <paramref name="Module"/>: the application, or a factory that returns it.</param>
/// <param name="IsFactory">Whether <paramref name="Attribute"/> is called (without arguments) to get the application.</param>
/// <param name="Port">The API's well-known port: haproxy's frontend on the VIP and the endpoint URLs' port.</param>
/// <param name="WorkerBasePort">Worker n listens on this + n inside each container.</param>
/// <param name="CheckPath">Path haproxy's HTTP health check asks each worker (an unauthenticated GET that answers 200/300).</param>
public sealed partial record WsgiApi(string Name, string Module, string Attribute, bool IsFactory, int Port, int WorkerBasePort, string CheckPath)
{
    public string Name { get; } = Checked(Name, ServiceNamePattern(), nameof(Name));

    public string Module { get; } = Checked(Module, DottedNamePattern(), nameof(Module));

    public string Attribute { get; } = Checked(Attribute, IdentifierPattern(), nameof(Attribute));

    /// <summary>The OpenRC services of one container: &lt;Name&gt;-1..N with N = openstack.bjoern_workers.</summary>
    public IReadOnlyList<WsgiWorker> Workers(ClusterConfig config) =>
        Enumerable.Range(1, config.Openstack.BjoernWorkers)
            .Select(n => new WsgiWorker(this, n, $"{Name}-{n.ToString(CultureInfo.InvariantCulture)}", WorkerBasePort + n))
            .ToList();

    /// <summary>The haproxy frontend of this API: every worker of every container of <paramref name="containerSet"/>.</summary>
    public ServiceBackend Backend(ClusterConfig config, string containerSet) =>
        new(Name, Port,
            ContainerSet.Members(config, containerSet)
                .SelectMany(m => Workers(config).Select(w => new BackendServer($"{m.Container}-{w.Index.ToString(CultureInfo.InvariantCulture)}", config.Fqdn(m.Container), w.Port)))
                .ToList(),
            BackendMode.Http,
            CheckPath);

    private static string Checked(string value, Regex pattern, string what) =>
        pattern.IsMatch(value) ? value : throw new ArgumentException($"'{value}' is not a valid {what}", what);

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex ServiceNamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex DottedNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}

/// <summary>Worker <see cref="Index"/> of an API: the OpenRC service <see cref="Service"/> listening on <see cref="Port"/>.</summary>
public sealed record WsgiWorker(WsgiApi Api, int Index, string Service, int Port);
