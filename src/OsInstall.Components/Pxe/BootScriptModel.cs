namespace OsInstall.Components.Pxe;

/// <summary>The values of boot.ipxe.sbn.</summary>
public sealed record BootScriptModel(string Release, string Arch, string Mirror, string KernelUrl, string InitrdUrl, string KernelArgs, string FallbackUrl);
