using System.Globalization;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Common.Templates;

namespace OsInstall.Components.OpenStack;

/// <summary>
/// The files that make an API run in bjoern inside one container: the API's runner (one shared
/// template: import the application, bjoern.run on --host/--port) and one OpenRC service per worker.
/// </summary>
public static class WsgiWorkers
{
    public const string RunnerTemplate = "OpenStack/templates/wsgi-runner.py.sbn";
    public const string WorkerTemplate = "OpenStack/templates/wsgi-worker.initd.sbn";
    public const string InitDir = "/etc/init.d";

    /// <summary>Where haproxy reaches the workers: every address of the container.</summary>
    public const string ListenAddress = "0.0.0.0";

    public static string RenderRunner(TemplateRenderer templates, OpenStackService service, WsgiApi api) =>
        templates.Render(RunnerTemplate, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["python"] = service.Python,
            ["api"] = api.Name,
            ["module"] = api.Module,
            ["attribute"] = api.Attribute,
            ["factory"] = api.IsFactory,
            ["runner"] = OpenStackService.RunnerPath(api),
        });

    public static string RenderWorker(TemplateRenderer templates, OpenStackService service, WsgiWorker worker, IReadOnlyList<string> requiredFiles) =>
        templates.Render(WorkerTemplate, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["api"] = worker.Api.Name,
            ["index"] = worker.Index,
            ["port"] = worker.Port,
            ["component"] = service.Name,
            ["description"] = Sh.Quote($"{worker.Api.Name} worker {worker.Index} (bjoern, port {worker.Port})"),
            ["runner"] = Sh.Quote(OpenStackService.RunnerPath(worker.Api)),
            ["args"] = Sh.Quote($"--host {ListenAddress} --port {worker.Port.ToString(CultureInfo.InvariantCulture)}"),
            ["owner"] = Sh.Quote($"{service.User}:{service.Group}"),
            ["state_dir"] = Sh.Quote(service.StateDir),
            ["required_files"] = Sh.Quote(string.Join(' ', requiredFiles)),
        });

    /// <summary>The runner and the worker services of every API of the service, as (path, content, spec).</summary>
    public static IEnumerable<ServiceFile> Files(TemplateRenderer templates, ClusterConfig config, OpenStackService service, IReadOnlyList<string> requiredFiles)
    {
        foreach (var api in service.Apis)
        {
            yield return new ServiceFile(OpenStackService.RunnerPath(api), RenderRunner(templates, service, api), FileSpec.Executable);
            foreach (var worker in api.Workers(config))
            {
                yield return new ServiceFile($"{InitDir}/{worker.Service}", RenderWorker(templates, service, worker, requiredFiles), FileSpec.Executable);
            }
        }
    }

    /// <summary>
    /// Stops, disables and deletes the worker services numbered above openstack.bjoern_workers (left
    /// by a run with more workers). Only names &lt;api&gt;-&lt;digits&gt;: nothing else in init.d is touched.
    /// </summary>
    public static string RemoveSurplusCommand(ClusterConfig config, WsgiApi api)
    {
        var max = config.Openstack.BjoernWorkers.ToString(CultureInfo.InvariantCulture);
        var prefix = $"{InitDir}/{api.Name}-";
        return $"for f in {Sh.Quote(prefix)}*; do " +
               "[ -e \"$f\" ] || continue; " +
               $"n=${{f#{Sh.Quote(prefix)}}}; " +
               "case $n in ''|*[!0-9]*) continue ;; esac; " +
               $"[ \"$n\" -gt {max} ] || continue; " +
               "s=${f##*/}; " +
               "rc-service --ifstarted \"$s\" stop && { [ ! -L \"/etc/runlevels/default/$s\" ] || rc-update del \"$s\" default; } && rm -f \"$f\" || exit 1; " +
               "done";
    }
}

/// <summary>A file the component writes into each container of its set.</summary>
public sealed record ServiceFile(string Path, string Content, FileSpec Spec);
