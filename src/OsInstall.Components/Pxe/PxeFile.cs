namespace OsInstall.Components.Pxe;

/// <summary>One file of the network-boot directory: its name in the directory, its bytes and what it is for.</summary>
public sealed record PxeFile(string Name, byte[] Content, string Purpose);
