namespace OsInstall.Components.Pxe;

/// <summary>The values of setup.start.sbn; every value is already quoted with Sh.Quote.</summary>
public sealed record SetupScriptModel(string AnswersUrl, string Disk, string Interface, IReadOnlyList<NodeAddress> Nodes);

/// <summary>A configured node's address and name (quoted): how the installer finds its own name without a static lease.</summary>
public sealed record NodeAddress(string Address, string Name);
