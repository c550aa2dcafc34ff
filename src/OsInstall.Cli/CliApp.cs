using System.CommandLine;
using OsInstall.Cli.Commands;
using Spectre.Console;

namespace OsInstall.Cli;

/// <summary>Builds the command tree. Program and the tests both run through here.</summary>
public static class CliApp
{
    public static RootCommand Build(IAnsiConsole console, Func<CancellationToken> stop, TextWriter output)
    {
        var root = new RootCommand("osinstall: installs a highly available OpenStack cluster from controller-1");
        foreach (var o in GlobalOptions.All)
        {
            root.Options.Add(o);
        }
        root.Subcommands.Add(ClusterCommand.Build(console, stop, output));
        root.Subcommands.Add(ComponentCommand.Build(console, stop, output));
        root.Subcommands.Add(ConfigCommand.Build(console));
        root.Subcommands.Add(SecretsCommand.Build(console));
        root.Subcommands.Add(RenderCommand.Build(console));
        root.Subcommands.Add(StatusCommand.Build(console));
        root.Subcommands.Add(ContainerCommand.Build(console));
        root.Subcommands.Add(DnsCommand.Build(console));
        root.Subcommands.Add(NodeCommand.Build(console, stop, output));
        root.Subcommands.Add(PxeCommand.Build(console, stop));
        return root;
    }

    /// <summary>Parses and runs; usage errors exit 2.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var root = Build(console, () => stop, output);
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            }
            await error.WriteLineAsync("run 'osinstall --help' for usage").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        return await parse.InvokeAsync(config, CancellationToken.None).ConfigureAwait(false);
    }
}
