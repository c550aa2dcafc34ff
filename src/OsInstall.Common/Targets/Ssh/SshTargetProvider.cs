using System.Collections.Concurrent;
using OsInstall.Common.Config;

namespace OsInstall.Common.Targets.Ssh;

/// <summary>
/// One <see cref="SshTarget"/> (one connection, opened on first use) per configured host for
/// the whole run; the first controller is this machine (<see cref="LocalTarget"/>) when
/// ssh.local_first_controller is set.
/// </summary>
public sealed class SshTargetProvider : ITargetProvider
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<string, SshEndpoint> endpoints;
    private readonly ConcurrentDictionary<string, SshTarget> targets = new(StringComparer.Ordinal);
    private readonly LocalTarget? local;
    private readonly TimeSpan commandTimeout;

    /// <param name="config">Hosts and the ssh section.</param>
    /// <param name="acceptNewHostKeys">--accept-new-host-keys: record unknown host keys instead of refusing them.</param>
    /// <param name="knownHostsPath">Overrides ssh.known_hosts.</param>
    /// <param name="keyFile">Overrides ssh.key_file.</param>
    public SshTargetProvider(ClusterConfig config, bool acceptNewHostKeys, string? knownHostsPath = null, string? keyFile = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ssh = config.Ssh;
        commandTimeout = TimeSpan.FromSeconds(ssh.CommandTimeoutSeconds);
        Verifier = new KnownHostsVerifier(knownHostsPath ?? ssh.KnownHosts, acceptNewHostKeys);
        Connector = new SshConnector(keyFile ?? ssh.KeyFile, Verifier, TimeSpan.FromSeconds(ssh.ConnectTimeoutSeconds));
        endpoints = config.AllHosts.ToDictionary(
            h => h.Name,
            h => new SshEndpoint(h.Name, h.Address, h.SshPort ?? ssh.Port, ssh.User),
            StringComparer.Ordinal);
        if (ssh.LocalFirstController && config.Controllers.Count > 0)
        {
            local = new LocalTarget(config.FirstController.Name, commandTimeout);
        }
    }

    public KnownHostsVerifier Verifier { get; }

    public SshConnector Connector { get; }

    public async Task<ITarget> GetAsync(string host, CancellationToken ct = default)
    {
        if (local is not null && local.Name == host)
        {
            return local;
        }
        var target = TargetFor(host);
        await target.EnsureConnectedAsync(ct).ConfigureAwait(false);
        return target;
    }

    public async Task WaitUntilReachableAsync(string host, TimeSpan timeout, CancellationToken ct = default)
    {
        if (local is not null && local.Name == host)
        {
            return;
        }
        var target = TargetFor(host);
        await target.DisconnectAsync().ConfigureAwait(false);
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            // Each attempt is bounded by the time left, so the wait never overshoots the timeout by a connect timeout.
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(Max(deadline - DateTime.UtcNow, TimeSpan.FromMilliseconds(1)));
            try
            {
                await target.EnsureConnectedAsync(attempt.Token).ConfigureAwait(false);
                return;
            }
            catch (HostUnreachableException ex)
            {
                last = ex;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break;
            }
            var left = deadline - DateTime.UtcNow;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left < PollInterval ? left : PollInterval, ct).ConfigureAwait(false);
            }
        }
        throw new HostUnreachableException(host, $"did not answer within {timeout.TotalSeconds:F0}s" + (last is null ? "" : $" (last error: {last.Message})"), last);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var target in targets.Values)
        {
            await target.DisposeAsync().ConfigureAwait(false);
        }
        targets.Clear();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private SshTarget TargetFor(string host)
    {
        if (!endpoints.TryGetValue(host, out var endpoint))
        {
            throw new ArgumentException($"'{host}' is not a configured host (known: {string.Join(", ", endpoints.Keys)})", nameof(host));
        }
        return targets.GetOrAdd(host, _ => new SshTarget(endpoint, Connector, commandTimeout));
    }
}
