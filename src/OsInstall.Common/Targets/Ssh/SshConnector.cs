using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace OsInstall.Common.Targets.Ssh;

/// <summary>
/// Opens one authenticated, host-key-verified SSH connection. Failures become
/// <see cref="HostKeyRejectedException"/> (the key is not trusted) or
/// <see cref="HostUnreachableException"/> (anything else: refused, timed out, authentication).
/// </summary>
public sealed class SshConnector(string keyFile, KnownHostsVerifier verifier, TimeSpan connectTimeout)
{
    private readonly Lazy<PrivateKeyFile> key = new(() => LoadKey(keyFile), LazyThreadSafetyMode.ExecutionAndPublication);

    public KnownHostsVerifier Verifier { get; } = verifier;

    public TimeSpan ConnectTimeout { get; } = connectTimeout;

    public async Task<SshClient> ConnectAsync(SshEndpoint endpoint, CancellationToken ct)
    {
        PrivateKeyFile privateKey;
        try
        {
            privateKey = key.Value;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SshException or ArgumentException)
        {
            throw new HostUnreachableException(endpoint.Name, $"cannot load SSH key '{keyFile}': {ex.Message}", ex);
        }
        var info = new ConnectionInfo(endpoint.Address, endpoint.Port, endpoint.User, new PrivateKeyAuthenticationMethod(endpoint.User, privateKey))
        {
            Timeout = ConnectTimeout,
        };
        OfferOnlyKnownKeyTypes(info, endpoint);
        HostKeyDecision? rejected = null;
        var client = new SshClient(info);
        client.HostKeyReceived += (_, e) =>
        {
            var decision = Verifier.Verify(endpoint, e.HostKey);
            e.CanTrust = decision.Trusted;
            if (!decision.Trusted)
            {
                rejected = decision;
            }
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ConnectTimeout);
            try
            {
                await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new HostUnreachableException(endpoint.Name, $"no SSH answer from {endpoint.Address}:{endpoint.Port} within {ConnectTimeout.TotalSeconds:F0}s");
            }
            client.KeepAliveInterval = TimeSpan.FromSeconds(30);
            return client;
        }
        catch (Exception ex) when (rejected is not null)
        {
            client.Dispose();
            throw new HostKeyRejectedException(endpoint.Name, rejected.Fingerprint, rejected.Refusal ?? ex.Message);
        }
        catch (SshAuthenticationException ex)
        {
            client.Dispose();
            throw new HostUnreachableException(endpoint.Name, $"{endpoint.User}@{endpoint.Address}:{endpoint.Port} refused key '{keyFile}': {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is SocketException or SshException or IOException or ProxyException)
        {
            client.Dispose();
            throw new HostUnreachableException(endpoint.Name, $"cannot connect to {endpoint.Address}:{endpoint.Port}: {ex.Message}", ex);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // As OpenSSH does: when known_hosts has keys for the host, ask only for those types, so
    // that a server offering several key types is checked against the one we recorded.
    private void OfferOnlyKnownKeyTypes(ConnectionInfo info, SshEndpoint endpoint)
    {
        var known = Verifier.KnownKeyTypes(endpoint);
        foreach (var algorithm in info.HostKeyAlgorithms.Keys.ToList())
        {
            var certificate = algorithm.Contains("-cert-", StringComparison.Ordinal);
            if (certificate || (known.Count > 0 && !known.Contains(KeyTypeOfAlgorithm(algorithm))))
            {
                info.HostKeyAlgorithms.Remove(algorithm);
            }
        }
    }

    private static string KeyTypeOfAlgorithm(string algorithm) =>
        algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm;

    private static PrivateKeyFile LoadKey(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"SSH key file '{path}' does not exist (ssh.key_file)", path);
        }
        return new PrivateKeyFile(path);
    }
}
