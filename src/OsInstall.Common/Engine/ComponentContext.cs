using OsInstall.Common.Config;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Common.Templates;
using Serilog;

namespace OsInstall.Common.Engine;

/// <summary>What a component sees while it runs: config, secrets, templates, hosts, its log.</summary>
public sealed class ComponentContext(
    ClusterConfig config,
    SecretStore secrets,
    TemplateRenderer templates,
    Func<string, CancellationToken, Task<ITarget>> targetFor,
    Func<string, TimeSpan, CancellationToken, Task> waitForHost,
    ILogger log,
    bool dryRun)
{
    public ClusterConfig Config { get; } = config;
    public SecretStore Secrets { get; } = secrets;
    public TemplateRenderer Templates { get; } = templates;
    public ILogger Log { get; } = log;
    public bool DryRun { get; } = dryRun;

    /// <summary>
    /// Components installed when this one started: those the journal records as installed plus
    /// those installed earlier in this run (also in a dry run). The running component is not in it.
    /// </summary>
    public IReadOnlySet<string> InstalledComponents { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The (logging) target of a configured host.</summary>
    public Task<ITarget> TargetAsync(string host, CancellationToken ct = default) => targetFor(host, ct);

    /// <summary>Waits until a host that was rebooted answers again.</summary>
    public Task WaitForHostAsync(string host, TimeSpan timeout, CancellationToken ct = default) => waitForHost(host, timeout, ct);

    /// <summary>Renders the component's template (resource "&lt;Component&gt;/templates/&lt;file&gt;") with the config and extra values.</summary>
    public string Render(string resource, object? model = null)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["config"] = Config };
        if (model is not null)
        {
            foreach (var p in model.GetType().GetProperties())
            {
                values[p.Name] = p.GetValue(model);
            }
        }
        return Templates.Render(resource, values);
    }
}

/// <summary>What a step sees: its host's target and the component context.</summary>
public sealed class StepContext(ComponentContext component, ITarget target, CancellationToken ct)
{
    public ComponentContext Component { get; } = component;
    public ITarget Target { get; } = target;
    public CancellationToken Cancellation { get; } = ct;
    public ClusterConfig Config => Component.Config;
    public SecretStore Secrets => Component.Secrets;

    public Task<CommandResult> Run(string command) => Target.RunCheckedAsync(command, Cancellation);

    public Task<bool> Write(string path, string content, FileSpec? spec = null) =>
        Target.WriteFileAsync(path, content, spec ?? FileSpec.Default, Cancellation);

    /// <summary>Several files in one go (one round trip on a shell target); for each, whether it changed.</summary>
    public Task<IReadOnlyList<bool>> WriteAll(params IReadOnlyList<FileWrite> files) =>
        Target.WriteFilesAsync(files, Cancellation);

    public string Render(string resource, object? model = null) => Component.Render(resource, model);
}
