namespace OsInstall.Tests.Resilience;

/// <summary>
/// A fault for one bind install step: a stand-in command that exits non-zero (<see cref="Command"/>,
/// <see cref="ArgSubstring"/>) or, for resolv-conf, which runs no stand-in, /etc/resolv.conf turned
/// into a directory so that its backup copy fails.
/// </summary>
public sealed record BindFault(string StepId, string? Command, string ArgSubstring)
{
    public string Host => BindStepCalls.Host(StepId);

    public override string ToString() => Command is null ? $"{StepId}: resolv.conf is a directory" : $"{StepId}: {Command} '{ArgSubstring}' fails";
}
