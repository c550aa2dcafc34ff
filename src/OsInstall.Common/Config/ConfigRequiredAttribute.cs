namespace OsInstall.Common.Config;

/// <summary>
/// Marks a config key the file must set: one with no sensible default (addresses, networks,
/// names of external things). The binder reports it, with its path and the line of the map that
/// should hold it, when it is absent or has no value.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ConfigRequiredAttribute : Attribute;
