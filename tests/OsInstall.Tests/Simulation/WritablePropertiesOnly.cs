using YamlDotNet.Serialization;
using YamlDotNet.Serialization.TypeInspectors;

namespace OsInstall.Tests.Simulation;

/// <summary>Leaves computed (get-only) properties such as ClusterConfig.AllHosts out of serialized YAML.</summary>
public sealed class WritablePropertiesOnly(ITypeInspector inner) : TypeInspectorSkeleton
{
    public override string GetEnumName(Type enumType, string name) => inner.GetEnumName(enumType, name);

    public override string GetEnumValue(object enumValue) => inner.GetEnumValue(enumValue);

    public override bool HasParseMethod(Type type) => inner.HasParseMethod(type);

    public override object? Parse(string value, Type type) => inner.Parse(value, type);

    public override IEnumerable<IPropertyDescriptor> GetProperties(Type type, object? container) =>
        inner.GetProperties(type, container).Where(p => p.CanWrite);
}
