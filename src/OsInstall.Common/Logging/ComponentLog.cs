using OsInstall.Common.Secrets;
using Serilog;
using Serilog.Core;
using Serilog.Formatting.Display;

namespace OsInstall.Common.Logging;

public enum Direction
{
    Install,
    Uninstall,
}

/// <summary>
/// The log file of one component and direction: logs/&lt;component&gt;/&lt;component&gt;-install.log,
/// appended per run with a run header. Every line passes the secret masker.
/// </summary>
public sealed class ComponentLog : IDisposable
{
    private readonly Logger logger;

    private ComponentLog(Logger logger, string path)
    {
        this.logger = logger;
        Path = path;
    }

    public string Path { get; }

    public ILogger Logger => logger;

    public static string PathFor(string logDir, string component, Direction direction) =>
        System.IO.Path.Combine(logDir, component, $"{component}-{direction.ToString().ToLowerInvariant()}.log");

    /// <param name="echo">--verbose: every line also goes here (the console), masked the same way.</param>
    public static ComponentLog Open(string logDir, string component, Direction direction, SecretMasker masker, string runHeader, TextWriter? echo = null)
    {
        var path = PathFor(logDir, component, direction);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var formatter = new MaskingFormatter(
            new MessageTemplateTextFormatter("{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Message:lj}{NewLine}{Exception}"),
            masker);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(formatter, path, shared: true, flushToDiskInterval: null);
        if (echo is not null)
        {
            configuration = configuration.WriteTo.Sink(new EchoSink(
                new MaskingFormatter(new MessageTemplateTextFormatter("  {Message:lj}{NewLine}"), masker), echo));
        }
        var logger = configuration.CreateLogger();
        var log = new ComponentLog(logger, path);
        logger.Information("==== {Header} ====", runHeader);
        return log;
    }

    public void Dispose() => logger.Dispose();
}
