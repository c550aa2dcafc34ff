namespace OsInstall.Common.Targets.Ssh;

/// <summary>What <see cref="KnownHostsVerifier"/> decided about one presented host key.</summary>
public sealed record HostKeyDecision(bool Trusted, string Fingerprint, string? Refusal, bool Recorded = false);
