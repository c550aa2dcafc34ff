namespace OsInstall.Components.OpenStack;

/// <summary>
/// A health check through the API: "openstack &lt;Args&gt;" on controller-1 with admin-openrc
/// (through the VIP), healthy when it exits 0 and prints every line of <see cref="Expect"/>.
/// Ask for columns that hold no credential (token issue -c expires, not the token id).
/// </summary>
public sealed record ApiCheck(string Name, IReadOnlyList<string> Args, IReadOnlyList<string> Expect);
