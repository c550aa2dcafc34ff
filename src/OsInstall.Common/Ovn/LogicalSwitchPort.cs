namespace OsInstall.Common.Ovn;

/// <summary>A logical switch port as DNS sync needs it: its name, type ("" for a VIF) and the address northd gave it.</summary>
public sealed record LogicalSwitchPort(string Name, string Type, PortAddress? DynamicAddress);
