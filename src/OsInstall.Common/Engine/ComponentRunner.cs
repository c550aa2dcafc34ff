using System.Diagnostics;
using OsInstall.Common.Config;
using OsInstall.Common.Journal;
using OsInstall.Common.Logging;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Common.Templates;

namespace OsInstall.Common.Engine;

/// <summary>
/// Runs components' phases against the targets, journaling every finished step, logging every
/// action to the component's log file. Stops at the first failed step (after the steps already
/// running in its phase finish) and raises <see cref="StepFailedException"/>.
/// </summary>
public sealed class ComponentRunner(
    ClusterConfig config,
    SecretStore secrets,
    TemplateRenderer templates,
    ITargetProvider targets,
    InstallJournal journal,
    RunOptions options)
{
    // What this run installed (true) or uninstalled (false): a dry run's journal is never saved.
    private readonly Dictionary<string, bool> changedThisRun = new(StringComparer.Ordinal);

    public async Task InstallAsync(IReadOnlyList<IComponent> components, CancellationToken ct)
    {
        foreach (var component in components.OrderBy(c => c.Order))
        {
            var record = journal.Get(component.Name);
            if (!options.Force && !options.DryRun && record.State == ComponentState.Installed)
            {
                options.Observer.ComponentSkipped(component.Name, $"installed {record.Updated:yyyy-MM-dd HH:mm}");
                continue;
            }
            await RunAsync(component, Direction.Install, ct).ConfigureAwait(false);
        }
    }

    public async Task UninstallAsync(IReadOnlyList<IComponent> components, CancellationToken ct)
    {
        foreach (var component in components.OrderByDescending(c => c.Order))
        {
            await RunAsync(component, Direction.Uninstall, ct).ConfigureAwait(false);
        }
    }

    public async Task<HealthReport> VerifyAsync(IComponent component, CancellationToken ct)
    {
        using var log = ComponentLog.Open(options.LogDir, component.Name, Direction.Install, options.Masker, $"verify {component.Name}");
        var ctx = Context(log, options.DryRun);
        return await component.VerifyAsync(ctx, ct).ConfigureAwait(false);
    }

    private ComponentContext Context(ComponentLog? log, bool dryRun, CancellationToken stop = default)
    {
        var logger = log?.Logger ?? Serilog.Core.Logger.None;
        var installed = journal.Installed().ToHashSet(StringComparer.Ordinal);
        lock (changedThisRun)
        {
            foreach (var (name, isInstalled) in changedThisRun)
            {
                if (isInstalled)
                {
                    installed.Add(name);
                }
                else
                {
                    installed.Remove(name);
                }
            }
        }
        return new ComponentContext(config, secrets, templates,
            async (host, token) => new LoggingTarget(await targets.GetAsync(host, token).ConfigureAwait(false), logger, stop),
            targets.WaitUntilReachableAsync,
            logger, dryRun)
        {
            InstalledComponents = installed,
        };
    }

    private async Task RunAsync(IComponent component, Direction direction, CancellationToken ct)
    {
        var name = component.Name;
        var header = $"{direction.ToString().ToLowerInvariant()} {name} at {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}{(options.DryRun ? " (dry run)" : "")}";
        using var log = options.DryRun ? null : ComponentLog.Open(options.LogDir, name, direction, options.Masker, header, options.Echo);
        var logFile = log?.Path ?? ComponentLog.PathFor(options.LogDir, name, direction);
        var ctx = Context(log, options.DryRun, ct);
        var phases = (direction == Direction.Install ? component.Install(ctx) : component.Uninstall(ctx)).ToList();
        var total = phases.Sum(p => p.Steps.Count);

        var inProgress = direction == Direction.Install ? ComponentState.Installing : ComponentState.Uninstalling;
        var failedState = direction == Direction.Install ? ComponentState.Failed : ComponentState.UninstallFailed;
        var record = journal.Get(name);
        var resume = record.State == failedState || record.State == inProgress;
        var done = new HashSet<string>(resume ? record.CompletedSteps : [], StringComparer.Ordinal);
        var j = options.DryRun ? InstallJournal.InMemory() : journal;
        j.Update(name, r =>
        {
            r.State = inProgress;
            r.FailedStep = null;
            r.Error = null;
            if (!resume)
            {
                r.CompletedSteps.Clear();
            }
        });

        options.Observer.ComponentStarted(name, direction, total);
        var sw = Stopwatch.StartNew();
        try
        {
            var deferred = new List<StepFailedException>();
            var succeeded = new HashSet<string>(StringComparer.Ordinal);
            foreach (var phase in phases)
            {
                if (!phase.Independent && deferred.Count > 0)
                {
                    break; // a phase over all hosts waits until every independent host succeeded
                }
                var failed = await RunPhaseAsync(name, phase, ctx, done, j, logFile, log, deferred, ct).ConfigureAwait(false);
                if (phase.Independent)
                {
                    deferred.AddRange(failed);
                    succeeded.UnionWith(phase.Steps.Select(s => s.Host));
                }
            }
            if (deferred.Count > 0)
            {
                succeeded.ExceptWith(deferred.Select(f => f.Host));
                throw StepFailedException.Several(deferred, succeeded.Count);
            }
            if (direction == Direction.Install && options.VerifyAfterInstall && !options.DryRun)
            {
                var health = await component.VerifyAsync(ctx, ct).ConfigureAwait(false);
                foreach (var c in health.Checks)
                {
                    log?.Logger.Information("[{Host}] health {Check}: {State} {Detail}", c.Host, c.Check, c.Ok ? "ok" : "FAILED", c.Detail);
                }
                if (!health.Healthy)
                {
                    var bad = health.Checks.First(c => !c.Ok);
                    throw new StepFailedException(name, bad.Host, $"verify:{bad.Check}", null, logFile,
                        new InvalidOperationException($"health check '{bad.Check}' failed: {bad.Detail}"));
                }
            }
            j.Update(name, r =>
            {
                r.State = direction == Direction.Install ? ComponentState.Installed : ComponentState.NotInstalled;
                r.CompletedSteps.Clear();
            });
            lock (changedThisRun)
            {
                changedThisRun[name] = direction == Direction.Install;
            }
            log?.Logger.Information("{Component} {Direction} finished in {Seconds:F1}s", name, direction.ToString().ToLowerInvariant(), sw.Elapsed.TotalSeconds);
            options.Observer.ComponentFinished(name, true, sw.Elapsed);
        }
        catch (StepFailedException ex)
        {
            j.Update(name, r =>
            {
                r.State = failedState;
                r.FailedStep = ex.StepId;
                r.Error = options.Masker.Apply(ex.Message);
            });
            log?.Logger.Error("{Component} {Direction} FAILED at step {Step} on {Host}: {Error}", name, direction.ToString().ToLowerInvariant(), ex.StepId, ex.Host, ex.InnerException?.Message);
            options.Observer.ComponentFinished(name, false, sw.Elapsed);
            throw;
        }
        catch (OperationCanceledException)
        {
            j.Update(name, r =>
            {
                r.State = failedState;
                r.FailedStep ??= "interrupted";
                r.Error = "interrupted";
            });
            log?.Logger.Warning("{Component} {Direction} interrupted", name, direction.ToString().ToLowerInvariant());
            options.Observer.ComponentFinished(name, false, sw.Elapsed);
            throw;
        }
    }

    /// <summary>Runs a phase; throws at the first failure, except in an independent phase, whose failures it returns.</summary>
    private async Task<IReadOnlyList<StepFailedException>> RunPhaseAsync(string component, Phase phase, ComponentContext ctx, HashSet<string> done,
        InstallJournal j, string logFile, ComponentLog? log, IReadOnlyList<StepFailedException> failedEarlier, CancellationToken ct)
    {
        var failedHosts = failedEarlier.Select(f => f.Host).ToHashSet(StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(Math.Max(1, options.Parallel));
        var failures = new List<StepFailedException>();
        var tasks = phase.Steps.Select(async step =>
        {
            if (done.Contains(step.Id))
            {
                log?.Logger.Information("[{Host}] step {Step}: done in an earlier run, skipped", step.Host, step.Id);
                options.Observer.StepFinished(component, step, skipped: true, TimeSpan.Zero);
                return;
            }
            if (failedHosts.Contains(step.Host))
            {
                log?.Logger.Warning("[{Host}] step {Step}: not started, an earlier step of this host failed", step.Host, step.Id);
                return;
            }
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                lock (failures)
                {
                    if (failures.Count > 0 && !phase.Independent)
                    {
                        return; // another step of this phase failed: start nothing new
                    }
                }
                // Ctrl-C stops after the running command: steps test the token between commands.
                ct.ThrowIfCancellationRequested();
                options.Observer.StepStarted(component, step);
                log?.Logger.Information("[{Host}] step {Step}: start", step.Host, step.Id);
                var sw = Stopwatch.StartNew();
                try
                {
                    var target = await ctx.TargetAsync(step.Host, ct).ConfigureAwait(false);
                    await step.Run(new StepContext(ctx, target, ct)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    var command = (ex as CommandFailedException)?.Command;
                    var failure = new StepFailedException(component, step.Host, step.Id, command, logFile, ex);
                    options.Observer.StepFailed(component, step, ex);
                    log?.Logger.Error(ex is CommandFailedException ? null : ex, "[{Host}] step {Step}: FAILED {Error}", step.Host, step.Id, ex.Message);
                    lock (failures)
                    {
                        failures.Add(failure);
                    }
                    return;
                }
                lock (done)
                {
                    done.Add(step.Id);
                }
                j.Update(component, r => r.CompletedSteps.Add(step.Id));
                log?.Logger.Information("[{Host}] step {Step}: done in {Ms}ms", step.Host, step.Id, sw.ElapsedMilliseconds);
                options.Observer.StepFinished(component, step, skipped: false, sw.Elapsed);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        if (failures.Count > 0 && !phase.Independent)
        {
            throw failures[0];
        }
        return failures;
    }
}
