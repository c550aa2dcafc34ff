using OsInstall.Common.Config;
using OsInstall.Common.Secrets;

namespace OsInstall.Common.Engine;

/// <summary>
/// One installable part of the cluster. Install and uninstall are lists of phases; a phase's steps
/// (usually one per host) may run in parallel, phases run in order. Every step is check-then-act,
/// so running it again changes nothing; the journal lets a rerun skip the steps that finished.
/// A step must derive what it needs from config, secrets and the hosts, never from a value
/// an earlier step kept in memory (that step may be skipped on a rerun).
/// </summary>
public interface IComponent
{
    /// <summary>The CLI word: bind, rsyslog, ...</summary>
    string Name { get; }

    /// <summary>Place in the install order (uninstall runs it backwards).</summary>
    int Order { get; }

    string Description { get; }

    /// <summary>Hosts (config names) the component touches.</summary>
    IReadOnlyList<string> Hosts(ClusterConfig config);

    /// <summary>The secrets this component reads (they must exist before a real run).</summary>
    IEnumerable<string> RequiredSecrets(ClusterConfig config) => [];

    /// <summary>The haproxy frontends/backends of this component's services (most have none).</summary>
    IEnumerable<ServiceBackend> Backends(ClusterConfig config) => [];

    IEnumerable<Phase> Install(ComponentContext ctx);

    IEnumerable<Phase> Uninstall(ComponentContext ctx);

    /// <summary>The component's health check, against the live hosts.</summary>
    Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct);
}

/// <summary>A group of steps that may run in parallel (each on its own host).</summary>
public sealed record Phase(string Name, IReadOnlyList<Step> Steps)
{
    /// <summary>
    /// The steps concern independent hosts (compute nodes): a failed step does not stop the others,
    /// later independent phases go on for the hosts that did not fail, and the component fails at
    /// the end (before any phase that is not independent) naming every failed host. A rerun then
    /// runs only the failed hosts' steps, the journal having recorded the others.
    /// </summary>
    public bool Independent { get; init; }

    /// <summary>One step per host, same action, hosts independent of each other (<see cref="Independent"/>).</summary>
    public static Phase PerHostIndependent(string name, IEnumerable<string> hosts, Func<StepContext, Task> action) =>
        PerHost(name, hosts, action) with { Independent = true };

    /// <summary>One step per host, same action; step ids are "name@host".</summary>
    public static Phase PerHost(string name, IEnumerable<string> hosts, Func<StepContext, Task> action) =>
        new(name, hosts.Select(h => new Step($"{name}@{h}", h, action)).ToList());

    /// <summary>A phase of a single step on one host.</summary>
    public static Phase On(string name, string host, Func<StepContext, Task> action) =>
        new(name, [new Step($"{name}@{host}", host, action)]);
}

/// <summary>One journaled unit of work on one host.</summary>
public sealed record Step(string Id, string Host, Func<StepContext, Task> Run);

public sealed record HealthCheck(string Host, string Check, bool Ok, string Detail);

public sealed record HealthReport(IReadOnlyList<HealthCheck> Checks)
{
    public bool Healthy => Checks.All(c => c.Ok);

    public static HealthReport From(IEnumerable<HealthCheck> checks) => new(checks.ToList());
}
