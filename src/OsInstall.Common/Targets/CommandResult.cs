namespace OsInstall.Common.Targets;

public sealed record CommandResult(int ExitCode, string StdOut, string StdErr, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>How a file lands on a host.</summary>
public sealed record FileSpec(string Mode = "0644", string Owner = "root", string Group = "root")
{
    public static readonly FileSpec Default = new();
    public static readonly FileSpec Executable = new("0755");
    public static readonly FileSpec Secret = new("0600");
    public static readonly FileSpec SecretReadOnly = new("0400");
}

/// <summary>A command on a host that exited non-zero where success was required.</summary>
public sealed class CommandFailedException(string host, string command, CommandResult result)
    : Exception($"command failed on {host} (exit {result.ExitCode}): {command}")
{
    public string Host { get; } = host;
    public string Command { get; } = command;
    public CommandResult Result { get; } = result;
}

/// <summary>A host could not be reached, or its connection broke and could not be restored.</summary>
public sealed class HostUnreachableException(string host, string message, Exception? inner = null)
    : Exception($"{host}: {message}", inner)
{
    public string Host { get; } = host;
}
