using System.Diagnostics;

namespace OsInstall.Tests.Resilience;

/// <summary>Signals to a child process, as a terminal (Ctrl-C) or an operator (kill -9) would send them.</summary>
internal static class UnixSignal
{
    public const string Interrupt = "INT";

    public static void Send(int pid, string signal)
    {
        using var kill = Process.Start("/bin/kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("cannot run /bin/kill");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {pid} exited {kill.ExitCode}");
        }
    }
}
