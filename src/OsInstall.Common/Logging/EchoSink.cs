using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace OsInstall.Common.Logging;

/// <summary>--verbose: log events also rendered to a writer (the console).</summary>
public sealed class EchoSink(ITextFormatter formatter, TextWriter writer) : ILogEventSink
{
    private readonly Lock gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
