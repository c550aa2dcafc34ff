using Serilog.Events;
using Serilog.Formatting;

namespace OsInstall.Common.Logging;

/// <summary>Renders with an inner formatter, then masks every known secret before the text reaches a sink.</summary>
public sealed class MaskingFormatter(ITextFormatter inner, Secrets.SecretMasker masker) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new StringWriter();
        inner.Format(logEvent, buffer);
        output.Write(masker.Apply(buffer.ToString()));
    }
}
