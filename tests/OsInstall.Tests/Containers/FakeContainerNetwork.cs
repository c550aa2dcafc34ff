using System.Collections.Concurrent;
using OsInstall.Common.Ovn;

namespace OsInstall.Tests.Containers;

/// <summary>Stands in for the OVN + DNS side: every port gets the same address; calls are recorded.</summary>
public sealed class FakeContainerNetwork : IContainerNetwork
{
    public static readonly PortAddress Address = new("0a:00:0a:01:00:05", "10.1.0.5");

    private readonly ConcurrentDictionary<string, string> ports = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    public Task<PortAddress> AttachAsync(string container, string chassisHost, CancellationToken ct = default)
    {
        Calls.Enqueue($"attach {container} {chassisHost}");
        ports[container] = chassisHost;
        return Task.FromResult(Address);
    }

    public Task<PortAddress?> AddressOfAsync(string container, CancellationToken ct = default) =>
        Task.FromResult(ports.ContainsKey(container) ? Address : null);

    public Task AttachVirtualAsync(string name, string address, IReadOnlyList<string> parents, CancellationToken ct = default)
    {
        Calls.Enqueue($"virtual {name} {address} {string.Join(",", parents)}");
        ports[name] = address;
        return Task.CompletedTask;
    }

    public Task<bool> DetachAsync(string container, CancellationToken ct = default)
    {
        Calls.Enqueue($"detach {container}");
        return Task.FromResult(ports.TryRemove(container, out _));
    }
}
