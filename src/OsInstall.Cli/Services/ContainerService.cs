using System.Globalization;
using OsInstall.Cli.Commands;
using OsInstall.Common.Containers;
using OsInstall.Common.Logging;
using OsInstall.Common.Targets;
using Spectre.Console;

namespace OsInstall.Cli.Services;

/// <summary>Runs ContainerAdmin against the configured controllers, logging to logs/container/.</summary>
public sealed class ContainerService(IAnsiConsole console)
{
    private const string LogName = "container";

    public Task<int> ListAsync(Settings settings, CancellationToken ct) =>
        WithAdminAsync(settings, "list", needsLock: false, async admin =>
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("controller").AddColumn("container").AddColumn("state").AddColumn("size").AddColumn("parent");
            foreach (var c in await admin.ListAsync(ct))
            {
                table.AddRow(Markup.Escape(c.Host), Markup.Escape(c.Container), Markup.Escape(c.State),
                    c.SizeBytes is { } b ? (b / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "M" : "-",
                    Markup.Escape(c.Parent ?? "-"));
            }
            console.Write(table);
            return ExitCodes.Ok;
        });

    public Task<int> ResizeAsync(Settings settings, string name, string size, CancellationToken ct) =>
        WithAdminAsync(settings, $"resize {name} {size}", needsLock: true, async admin =>
        {
            var grown = await admin.ResizeAsync(name, size, ct);
            console.MarkupLine(grown ? $"{Markup.Escape(name)}: grown to {Markup.Escape(size)}" : $"{Markup.Escape(name)}: already {Markup.Escape(size)} or larger, nothing to do");
            return ExitCodes.Ok;
        });

    public Task<int> FlattenAsync(Settings settings, string name, CancellationToken ct) =>
        WithAdminAsync(settings, $"flatten {name}", needsLock: true, async admin =>
        {
            var flattened = await admin.FlattenAsync(name, ct);
            console.MarkupLine(flattened ? $"{Markup.Escape(name)}: flattened" : $"{Markup.Escape(name)}: has no parent snapshot, nothing to do");
            return ExitCodes.Ok;
        });

    private async Task<int> WithAdminAsync(Settings settings, string what, bool needsLock, Func<ContainerAdmin, Task<int>> body)
    {
        await using var session = CliSession.Open(settings, dryRun: false, [], needsLock);
        using var log = ComponentLog.Open(settings.LogDir, LogName, Direction.Install, session.Masker,
            $"container {what} at {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}");
        var admin = new ContainerAdmin(session.Config,
            async (host, token) => new LoggingTarget(await session.Targets.GetAsync(host, token), log.Logger, token));
        try
        {
            return await body(admin);
        }
        catch (Exception ex) when (ex is ContainerNotFoundException or ArgumentException)
        {
            throw new UsageException(ex.Message);
        }
        catch (Exception ex) when (ex is CommandFailedException or InvalidOperationException or TimeoutException)
        {
            log.Logger.Error("container {What} failed: {Error}", what, ex.Message);
            console.MarkupLine($"[red]failed:[/] {Markup.Escape(session.Masker.Apply(ex.Message))} (see {Markup.Escape(log.Path)})");
            return ExitCodes.StepFailed;
        }
    }
}
