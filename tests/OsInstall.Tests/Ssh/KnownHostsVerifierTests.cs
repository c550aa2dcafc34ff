using System.Security.Cryptography;
using System.Text;
using OsInstall.Common.Targets.Ssh;
using Xunit;

namespace OsInstall.Tests.Ssh;

public sealed class KnownHostsVerifierTests : IDisposable
{
    private static readonly SshEndpoint Node = new("node-1", "10.1.1.4", 22, "root");
    private static readonly SshEndpoint NodeOn2222 = new("node-1", "10.1.1.4", 2222, "root");

    private readonly string dir = Directory.CreateTempSubdirectory("osinstall-kh-").FullName;

    [Fact]
    public void Fingerprint_is_OpenSSH_style_sha256_without_padding()
    {
        var blob = KeyBlob("ssh-ed25519", 1);

        var fingerprint = KnownHostsVerifier.Fingerprint(blob);

        Assert.Equal("SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('='), fingerprint);
        Assert.DoesNotContain("=", fingerprint, StringComparison.Ordinal);
        Assert.Equal("ssh-ed25519", KnownHostsVerifier.KeyTypeOf(blob));
    }

    [Fact]
    public void Plain_entries_match_by_address_or_name_and_port_form()
    {
        var key = KeyBlob("ssh-ed25519", 2);
        var file = Write($"# comment\n10.1.1.9,node-1 ssh-ed25519 {B64(key)}\n[10.1.1.4]:2222 ssh-ed25519 {B64(key)} root@x\n");

        Assert.True(new KnownHostsVerifier(file, false).Verify(Node, key).Trusted);
        Assert.True(new KnownHostsVerifier(file, false).Verify(NodeOn2222, key).Trusted);
    }

    [Fact]
    public void Wildcards_and_negation_follow_OpenSSH()
    {
        var key = KeyBlob("ssh-ed25519", 3);
        var file = Write($"10.1.1.*,!10.1.1.4 ssh-ed25519 {B64(key)}\nnode-? ssh-ed25519 {B64(key)}\n");
        var verifier = new KnownHostsVerifier(file, false);

        Assert.True(verifier.Verify(new SshEndpoint("other", "10.1.1.7", 22, "root"), key).Trusted);
        Assert.True(verifier.Verify(Node, key).Trusted); // via node-?
        Assert.False(verifier.Verify(new SshEndpoint("nodes-12", "10.1.1.4", 22, "root"), key).Trusted);
    }

    [Fact]
    public void Hashed_entries_match_only_their_name()
    {
        var key = KeyBlob("ssh-ed25519", 4);
        var salt = RandomNumberGenerator.GetBytes(20);
        var file = Write($"{KnownHostsEntry.HashName("[10.1.1.4]:2222", salt)} ssh-ed25519 {B64(key)}\n");
        var verifier = new KnownHostsVerifier(file, false);

        Assert.True(verifier.Verify(NodeOn2222, key).Trusted);
        Assert.False(verifier.Verify(Node, key).Trusted);
    }

    [Fact]
    public void A_different_key_for_a_known_host_is_a_change_even_with_accept_new()
    {
        var known = KeyBlob("ssh-ed25519", 5);
        var presented = KeyBlob("ssh-ed25519", 6);
        var file = Write($"10.1.1.4 ssh-ed25519 {B64(known)}\n");

        var decision = new KnownHostsVerifier(file, acceptNew: true).Verify(Node, presented);

        Assert.False(decision.Trusted);
        Assert.Contains("CHANGED", decision.Refusal, StringComparison.Ordinal);
        Assert.Contains("node-1", decision.Refusal, StringComparison.Ordinal);
        Assert.Contains(KnownHostsVerifier.Fingerprint(presented), decision.Refusal, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(file));
    }

    [Fact]
    public void A_revoked_key_is_refused()
    {
        var key = KeyBlob("ssh-ed25519", 7);
        var file = Write($"@revoked * ssh-ed25519 {B64(key)}\n10.1.1.4 ssh-ed25519 {B64(key)}\n");

        var decision = new KnownHostsVerifier(file, acceptNew: true).Verify(Node, key);

        Assert.False(decision.Trusted);
        Assert.Contains("@revoked", decision.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_new_appends_a_plain_entry_on_its_own_line()
    {
        var key = KeyBlob("ssh-ed25519", 8);
        var file = Write("10.9.9.9 ssh-ed25519 AAAA"); // no trailing newline

        var decision = new KnownHostsVerifier(file, acceptNew: true).Verify(NodeOn2222, key);

        Assert.True(decision.Trusted);
        Assert.True(decision.Recorded);
        Assert.Equal($"10.9.9.9 ssh-ed25519 AAAA\n[10.1.1.4]:2222,[node-1]:2222 ssh-ed25519 {B64(key)}\n", File.ReadAllText(file));
        Assert.False(new KnownHostsVerifier(file, false).Verify(NodeOn2222, key).Recorded);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string content)
    {
        var path = Path.Combine(dir, $"known_hosts-{Guid.NewGuid():N}");
        File.WriteAllText(path, content);
        return path;
    }

    private static string B64(byte[] blob) => Convert.ToBase64String(blob);

    // A wire-format public key blob: string type, then (for the test) 32 bytes of key material.
    private static byte[] KeyBlob(string type, byte seed)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var blob = new byte[4 + typeBytes.Length + 4 + 32];
        blob[3] = (byte)typeBytes.Length;
        typeBytes.CopyTo(blob, 4);
        blob[4 + typeBytes.Length + 3] = 32;
        for (var i = 0; i < 32; i++)
        {
            blob[^(i + 1)] = (byte)(seed * 31 + i);
        }
        return blob;
    }
}
