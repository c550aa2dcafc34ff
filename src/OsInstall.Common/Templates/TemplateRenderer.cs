using System.Collections.Concurrent;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace OsInstall.Common.Templates;

/// <summary>
/// Renders Scriban templates embedded in an assembly (resource name "&lt;Component&gt;/templates/&lt;file&gt;").
/// Members are exposed snake_case (config.cluster.domain); an unknown variable is an error, not an empty string.
/// </summary>
public sealed class TemplateRenderer(Assembly assembly)
{
    private readonly ConcurrentDictionary<string, Template> cache = new(StringComparer.Ordinal);

    /// <summary>Renders with the given top-level variables (names are snake_cased: "ControllerIp" becomes controller_ip).</summary>
    public string Render(string resource, IReadOnlyDictionary<string, object?> variables)
    {
        var template = cache.GetOrAdd(resource, Parse);
        var globals = new ScriptObject();
        foreach (var (name, value) in variables)
        {
            globals.SetValue(StandardMemberRenamer.Rename(name), value, readOnly: true);
        }
        var context = new TemplateContext
        {
            StrictVariables = true,
            MemberRenamer = StandardMemberRenamer.Default,
            EnableRelaxedMemberAccess = false,
        };
        context.PushGlobal(globals);
        return template.Render(context);
    }

    public IEnumerable<string> Resources => assembly.GetManifestResourceNames();

    private Template Parse(string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"template '{resource}' is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), resource);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"template '{resource}': {string.Join("; ", template.Messages)}");
        }
        return template;
    }
}
