namespace OsInstall.Common.Engine;

/// <summary>A step failed: names component, host, step, the command that failed and the log file.</summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException(string component, string host, string step, string? command, string logFile, Exception inner)
        : base(Describe(component, host, step, command, logFile, inner), inner)
    {
        Component = component;
        Host = host;
        StepId = step;
        Command = command;
        LogFile = logFile;
        Failures = [this];
    }

    private StepFailedException(IReadOnlyList<StepFailedException> failures, int succeeded)
        : base(DescribeSeveral(failures, succeeded), failures[0].InnerException)
    {
        var first = failures[0];
        Component = first.Component;
        Host = first.Host;
        StepId = first.StepId;
        Command = first.Command;
        LogFile = first.LogFile;
        Failures = failures;
    }

    public string Component { get; }
    public string Host { get; }
    public string StepId { get; }
    public string? Command { get; }
    public string LogFile { get; }

    /// <summary>Every failed step (more than one when the hosts of a phase are independent).</summary>
    public IReadOnlyList<StepFailedException> Failures { get; }

    /// <summary>The failures of independent hosts as one; <paramref name="succeeded"/> hosts finished.</summary>
    public static StepFailedException Several(IReadOnlyList<StepFailedException> failures, int succeeded) =>
        failures.Count == 1 && succeeded == 0 ? failures[0] : new(failures, succeeded);

    private static string Describe(string component, string host, string step, string? command, string logFile, Exception inner) =>
        $"{component}: step '{step}' failed on {host}" +
        (command is null ? $": {inner.Message}" : $": command exited {(inner as Targets.CommandFailedException)?.Result.ExitCode}: {command}") +
        $" (see {logFile})";

    private static string DescribeSeveral(IReadOnlyList<StepFailedException> failures, int succeeded)
    {
        var hosts = failures.Select(f => f.Host).Distinct(StringComparer.Ordinal).Count();
        var lines = failures.Select(f => "  " + f.Message);
        return $"{failures[0].Component}: {hosts} host(s) failed, {succeeded} finished; a rerun does only the failed ones:\n{string.Join("\n", lines)}";
    }
}
