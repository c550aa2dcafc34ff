using OsInstall.Common.Config;
using OsInstall.Tests.Resilience;

namespace OsInstall.Tests.TestSupport;

/// <summary>
/// The config fields whose validator accepts a value with a hostile suffix (found by trying each
/// field of a config alone, through the real loader: <see cref="Hostile.TryEachField"/>), and a config with all of them given it: what rendering tests feed a
/// file to show that no such field reaches it, or reaches it in a form its parser reads literally.
/// </summary>
internal static class HostileConfigFields
{
    /// <summary>Walker paths (<see cref="ConfigStringField"/>) of the fields of <paramref name="example"/> that accept their value + <paramref name="suffix"/>.</summary>
    public static HashSet<string> Accepting(Func<ClusterConfig> example, string suffix) =>
        Hostile.TryEachField(example(), "", field => field.Value + suffix)
            .Where(r => r.Errors.Count == 0)
            .Select(r => r.Field.Path)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Appends <paramref name="suffix"/> to every field of <paramref name="config"/> in <paramref name="paths"/>.</summary>
    public static void Apply(ClusterConfig config, IReadOnlySet<string> paths, string suffix)
    {
        foreach (var field in ConfigStringField.All(config).Where(f => paths.Contains(f.Path)))
        {
            field.Set(field.Value + suffix);
        }
    }
}
