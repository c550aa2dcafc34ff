namespace OsInstall.Common.Engine;

/// <summary>A step failed: names component, host, step, the command that failed and the log file.</summary>
public sealed class StepFailedException(string component, string host, string step, string? command, string logFile, Exception inner)
    : Exception(Describe(component, host, step, command, logFile, inner), inner)
{
    public string Component { get; } = component;
    public string Host { get; } = host;
    public string StepId { get; } = step;
    public string? Command { get; } = command;
    public string LogFile { get; } = logFile;

    private static string Describe(string component, string host, string step, string? command, string logFile, Exception inner) =>
        $"{component}: step '{step}' failed on {host}" +
        (command is null ? $": {inner.Message}" : $": command exited {(inner as Targets.CommandFailedException)?.Result.ExitCode}: {command}") +
        $" (see {logFile})";
}
