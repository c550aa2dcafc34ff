using System.Collections.Concurrent;
using OsInstall.Common.Engine;
using OsInstall.Common.Logging;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using Spectre.Console;

namespace OsInstall.Cli.Output;

/// <summary>
/// Progress on the terminal: a line per component and per host step as it finishes, then a
/// summary table. Lines rather than a live bar, so CI logs and pipes read the same as a terminal.
/// </summary>
public sealed class ConsoleRunObserver(IAnsiConsole console, SecretMasker masker, DryRunRecorder? recorder) : IRunObserver
{
    private readonly ConcurrentDictionary<string, ComponentSummary> summaries = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private readonly Lock gate = new();

    public IReadOnlyList<ComponentSummary> Summaries
    {
        get
        {
            lock (gate)
            {
                return order.Select(n => summaries[n]).ToList();
            }
        }
    }

    /// <summary>The dry-run actions of each component, in order.</summary>
    public List<(string Component, IReadOnlyList<PlannedAction> Actions)> Planned { get; } = [];

    public void ComponentStarted(string component, Direction direction, int totalSteps)
    {
        lock (gate)
        {
            if (!summaries.ContainsKey(component))
            {
                order.Add(component);
            }
            summaries[component] = new ComponentSummary(component, direction.ToString().ToLowerInvariant(), "running", totalSteps);
        }
        recorder?.Clear();
        Write($"[bold]{Markup.Escape(component)}[/] {direction.ToString().ToLowerInvariant()}: {totalSteps} step(s)");
    }

    public void ComponentSkipped(string component, string reason)
    {
        lock (gate)
        {
            order.Add(component);
            summaries[component] = new ComponentSummary(component, "install", "skipped", 0) { Detail = reason };
        }
        Write($"[grey]{Markup.Escape(component)}: skipped ({Markup.Escape(reason)})[/]");
    }

    public void StepStarted(string component, Step step)
    {
    }

    public void StepFinished(string component, Step step, bool skipped, TimeSpan duration)
    {
        var s = summaries[component];
        s.HostSucceeded(step.Host);
        s.Done++;
        if (skipped)
        {
            s.Skipped++;
            Write($"  [grey]= {Markup.Escape(step.Id)} (done earlier)[/]");
        }
        else if (recorder is null)
        {
            Write($"  [green]✓[/] {Markup.Escape(step.Id)} [grey]{duration.TotalSeconds:F1}s[/]");
        }
    }

    public void StepFailed(string component, Step step, Exception error)
    {
        var message = masker.Apply(error.Message);
        summaries[component].HostFailed(step.Host, step.Id, message);
        Write($"  [red]✗ {Markup.Escape(step.Id)}: {Markup.Escape(message)}[/]");
    }

    public void ComponentFinished(string component, bool ok, TimeSpan duration)
    {
        var s = summaries[component];
        s.Result = ok ? "ok" : "FAILED";
        s.Duration = duration;
        if (recorder is not null)
        {
            Planned.Add((component, recorder.Snapshot()));
            recorder.Clear();
        }
    }

    private void Write(string markup)
    {
        lock (gate)
        {
            console.MarkupLine(markup);
        }
    }
}

public sealed class ComponentSummary(string component, string direction, string result, int steps)
{
    public string Component { get; } = component;
    public string Direction { get; } = direction;
    public string Result { get; set; } = result;
    public int Steps { get; } = steps;
    public int Done { get; set; }
    public int Skipped { get; set; }
    public TimeSpan Duration { get; set; }
    public string Detail { get; set; } = "";

    private readonly Dictionary<string, HostResult> hosts = new(StringComparer.Ordinal);

    /// <summary>Each host the component's steps ran on, in order of first result: ok, or the step that failed there.</summary>
    public IReadOnlyList<HostResult> Hosts
    {
        get
        {
            lock (hosts)
            {
                return hosts.Values.ToList();
            }
        }
    }

    public void HostSucceeded(string host)
    {
        lock (hosts)
        {
            hosts.TryAdd(host, new HostResult(host, null, null));
        }
    }

    public void HostFailed(string host, string step, string error)
    {
        lock (hosts)
        {
            hosts[host] = new HostResult(host, step, error);
        }
    }
}

/// <summary>A host's outcome within a component: <see cref="FailedStep"/> is null when every step it ran succeeded.</summary>
public sealed record HostResult(string Host, string? FailedStep, string? Error)
{
    public bool Ok => FailedStep is null;
}
