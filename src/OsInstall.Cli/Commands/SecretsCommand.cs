using System.CommandLine;
using OsInstall.Cli.Services;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall secrets generate: creates missing secrets, keeps existing ones, never prints a value.</summary>
public static class SecretsCommand
{
    public static Command Build(IAnsiConsole console)
    {
        var secrets = new Command("secrets", "manage the secrets file");
        var generate = new Command("generate", "write every missing credential as a strong random value (mode 0600); existing values are kept");
        generate.SetAction((parse, _) => CommandHost.RunAsync(console, () =>
        {
            var settings = Settings.From(parse);
            var store = SecretsFile.LoadChecked(settings.SecretsPath, SecretCatalog.All).StoreOrThrow(settings.SecretsPath);
            var added = SecretsFile.FillMissing(store, SecretCatalog.All);
            SecretsFile.Save(settings.SecretsPath, store, SecretCatalog.All);
            console.MarkupLine($"[green]{Markup.Escape(settings.SecretsPath)}[/]: {added.Count} added, {store.Values.Count - added.Count} kept (mode 0600)");
            var external = SecretCatalog.All.Where(s => s.Kind == SecretKind.External && !store.TryGet(s.Name, out string _)).ToList();
            foreach (var s in external)
            {
                console.MarkupLine($"  [yellow]paste in by hand:[/] {s.Name} ({Markup.Escape(s.Description)})");
            }
            return Task.FromResult(ExitCodes.Ok);
        }));
        secrets.Subcommands.Add(generate);
        return secrets;
    }
}
