using System.Reflection;
using OsInstall.Common.Config;
using OsInstall.Common.Database;
using OsInstall.Common.Engine;
using OsInstall.Common.Templates;

namespace OsInstall.Components;

/// <summary>
/// Every registered component, in install order. A component is registered by existing: each
/// concrete <see cref="IComponent"/> in this assembly with a public parameterless constructor.
/// </summary>
public static class ComponentCatalog
{
    private static readonly Lazy<IReadOnlyList<IComponent>> Components = new(() =>
        typeof(ComponentCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IComponent).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IComponent)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Order)
            .ToList());

    public static IReadOnlyList<IComponent> All => Components.Value;

    public static TemplateRenderer Templates { get; } = new(typeof(ComponentCatalog).Assembly);

    /// <summary>The components with these names, or an error naming the unknown one and the known ones.</summary>
    public static IReadOnlyList<IComponent> Resolve(IEnumerable<string> names)
    {
        var result = new List<IComponent>();
        foreach (var raw in names)
        {
            var name = raw.Trim();
            var c = All.FirstOrDefault(x => x.Name == name)
                ?? throw new UnknownComponentException(name, All.Select(x => x.Name));
            result.Add(c);
        }
        return result.OrderBy(c => c.Order).ToList();
    }

    /// <summary>The components from <paramref name="name"/> on, in order.</summary>
    public static IReadOnlyList<IComponent> From(string name)
    {
        var start = Resolve([name])[0];
        return All.Where(c => c.Order >= start.Order).ToList();
    }

    /// <summary>The database engine (postgres or galera) the config selects: the database API of the OpenStack components.</summary>
    public static IDatabaseEngine DatabaseEngine(ClusterConfig config)
    {
        var engines = All.OfType<IDatabaseEngine>()
            .Where(e => e is not IAlternativeComponent alt || alt.SelectedBy(config))
            .ToList();
        return engines.Count == 1
            ? engines[0]
            : throw new InvalidOperationException(
                $"openstack.database '{config.Openstack.Database}' selects {engines.Count} database engines; exactly one is needed");
    }

    /// <summary>The order without the database that the config does not select.</summary>
    public static IReadOnlyList<IComponent> ForConfig(ClusterConfig config) =>
        All.Where(c => c is not IAlternativeComponent alt || alt.SelectedBy(config)).ToList();
}

/// <summary>A component that is one of alternatives (postgres or galera): installed only when the config selects it.</summary>
public interface IAlternativeComponent
{
    bool SelectedBy(ClusterConfig config);
}

public sealed class UnknownComponentException(string name, IEnumerable<string> known)
    : Exception($"unknown component '{name}'; known components: {string.Join(", ", known)}")
{
    public string ComponentName { get; } = name;
}
