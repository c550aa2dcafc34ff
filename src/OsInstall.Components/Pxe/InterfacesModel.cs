namespace OsInstall.Components.Pxe;

/// <summary>The values of interfaces.sbn: the node's compute-network interface, configured by DHCP.</summary>
public sealed record InterfacesModel(string Interface);
