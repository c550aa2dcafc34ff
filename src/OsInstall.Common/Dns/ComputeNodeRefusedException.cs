namespace OsInstall.Common.Dns;

/// <summary>node add/remove cannot do what was asked (the name is a controller, or is taken with another address); nothing was changed.</summary>
public sealed class ComputeNodeRefusedException(string message) : Exception(message);
