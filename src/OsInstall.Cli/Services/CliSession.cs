using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;

namespace OsInstall.Cli.Services;

/// <summary>
/// Everything one invocation works with: the validated config, the secrets, the masker, the
/// journal and the targets. Opening it validates first, so a bad config touches no host.
/// </summary>
public sealed class CliSession : IAsyncDisposable
{
    private CliSession(Settings settings, ClusterConfig config, string configSource, SecretStore secrets,
        SecretMasker masker, ITargetProvider targets, InstallJournal journal, DryRunRecorder? recorder, RunLock? runLock)
    {
        Settings = settings;
        Config = config;
        ConfigSource = configSource;
        Secrets = secrets;
        Masker = masker;
        Targets = targets;
        Journal = journal;
        Recorder = recorder;
        Lock = runLock;
    }

    public Settings Settings { get; }
    public ClusterConfig Config { get; }
    public string ConfigSource { get; }
    public SecretStore Secrets { get; }
    public SecretMasker Masker { get; }
    public ITargetProvider Targets { get; }
    public InstallJournal Journal { get; }
    public DryRunRecorder? Recorder { get; }
    public RunLock? Lock { get; }
    /// <summary>The components this run works on.</summary>
    public IReadOnlyList<IComponent> Components { get; private init; } = [];
    public bool DryRun => Recorder is not null;

    /// <summary>Loads and validates config and secrets; throws <see cref="ConfigInvalidException"/> with every problem.</summary>
    public static (ClusterConfig Config, string Source, SecretStore Secrets) LoadInputs(Settings settings)
    {
        var (result, source) = Services.ConfigSource.Load(settings);
        if (!result.Ok)
        {
            throw new ConfigInvalidException(source, result.Errors);
        }
        var secrets = SecretsFile.LoadChecked(settings.SecretsPath, SecretCatalog.All).StoreOrThrow(settings.SecretsPath);
        return (result.Config!, source, secrets);
    }

    /// <summary>
    /// Opens a session. A real run (not dry) needs ready_to_proceed, every secret the selected
    /// components read, and the run lock.
    /// </summary>
    public static CliSession Open(Settings settings, bool dryRun, IEnumerable<IComponent> selected, bool needsLock = true) =>
        Open(settings, dryRun, _ => selected.ToList(), needsLock);

    /// <summary>As above, choosing the components from the loaded config (the config is read once per run).</summary>
    public static CliSession Open(Settings settings, bool dryRun, Func<ClusterConfig, IReadOnlyList<IComponent>> select, bool needsLock = true)
    {
        var (config, source, secrets) = LoadInputs(settings);
        var selected = select(config);
        if (dryRun)
        {
            // A dry run shows what would happen before secrets exist: stand-in values, masked anyway.
            foreach (var spec in SecretCatalog.All)
            {
                if (!secrets.TryGet(spec.Name, out _))
                {
                    secrets.Set(spec.Name, $"<{spec.Name}>");
                }
            }
        }
        else
        {
            if (!config.ReadyToProceed)
            {
                throw new NotReadyException(source);
            }
            var required = selected.SelectMany(c => c.RequiredSecrets(config)).Distinct().ToList();
            secrets = SecretsFile.LoadForRun(settings.SecretsPath, SecretCatalog.All, required).StoreOrThrow(settings.SecretsPath);
        }
        var masker = new SecretMasker(secrets.Values.Values);
        var recorder = dryRun ? new DryRunRecorder() : null;
        var runLock = dryRun || !needsLock ? null : RunLock.Acquire(settings.StateDir);
        try
        {
            ITargetProvider targets = recorder is not null
                ? new DryRunTargetProvider(recorder)
                : TargetProviderFactory.Create(config, settings);
            var journal = InstallJournal.Load(JournalPath(settings));
            return new CliSession(settings, config, source, secrets, masker, targets, journal, recorder, runLock) { Components = selected };
        }
        catch
        {
            runLock?.Dispose();
            throw;
        }
    }

    public static string JournalPath(Settings settings) => Path.Combine(settings.StateDir, "journal.json");

    public ComponentRunner Runner(RunOptions options) =>
        new(Config, Secrets, ComponentCatalog.Templates, Targets, Journal, options);

    public async ValueTask DisposeAsync()
    {
        await Targets.DisposeAsync().ConfigureAwait(false);
        Lock?.Dispose();
    }
}

/// <summary>ready_to_proceed is false: the same refusal as the bash installer's READY_TO_PROCEED.</summary>
public sealed class NotReadyException(string source)
    : Exception($"Please review and update {source}, then set ready_to_proceed: true (a --dry-run works without it)");
