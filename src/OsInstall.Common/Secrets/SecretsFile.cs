using System.Security.Cryptography;
using OsInstall.Common.Config;

namespace OsInstall.Common.Secrets;

/// <summary>Reads, generates and writes the secrets file.</summary>
public static class SecretsFile
{
    /// <summary>The secrets file osinstall uses when --secrets is not given: secrets.yaml beside the config.</summary>
    public static string DefaultPathFor(string configPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", "secrets.yaml");

    /// <summary>
    /// Reads the file, checking its structure (not the names: no catalog here). A missing file
    /// reads as empty. Throws <see cref="ConfigInvalidException"/> listing every problem.
    /// </summary>
    public static SecretStore Load(string path) => SecretsFileReader.Read(path, specs: null).StoreOrThrow(path);

    /// <summary>
    /// Reads and checks the file against the catalog: syntax, a flat map of name to text, names
    /// the catalog knows (with "did you mean"), one-line values. A missing file reads as empty
    /// (what 'secrets generate' starts from).
    /// </summary>
    public static SecretsLoadResult LoadChecked(string path, IEnumerable<SecretSpec> specs) =>
        SecretsFileReader.Read(path, specs);

    /// <summary>
    /// What a real install needs: <see cref="LoadChecked"/>, and the file exists and holds a
    /// non-empty value for every required secret (<paramref name="required"/>: the names the
    /// selected components read; default every secret of <paramref name="specs"/>). Each missing
    /// or empty one is named; an external secret, such as a Ceph key, with what to paste.
    /// </summary>
    public static SecretsLoadResult LoadForRun(string path, IReadOnlyCollection<SecretSpec> specs, IEnumerable<string>? required = null)
    {
        var requiredNames = required?.ToHashSet(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return new SecretsLoadResult(null, [new ConfigError("(file)", 0, 0,
                $"secrets file '{path}' does not exist: run 'osinstall secrets generate', then paste the external (Ceph) keys into it")]);
        }
        var loaded = SecretsFileReader.ReadAll(path, specs);
        var errors = loaded.Errors.ToList();
        var values = loaded.Store.Values;
        foreach (var spec in specs.Where(s => requiredNames is null || requiredNames.Contains(s.Name)))
        {
            if (loaded.Errors.Any(e => e.Path == spec.Name))
            {
                continue;
            }
            if (values.TryGetValue(spec.Name, out var v) && v.Length > 0)
            {
                continue;
            }
            var line = loaded.Lines.GetValueOrDefault(spec.Name);
            var message = spec.Kind == SecretKind.External
                ? $"secret '{spec.Name}' is empty: paste the {spec.Description} into {path}"
                : line > 0
                    ? $"secret '{spec.Name}' is empty: delete the line and run 'osinstall secrets generate', or set a value ({spec.Description})"
                    : $"secret '{spec.Name}' is missing: run 'osinstall secrets generate' ({spec.Description})";
            errors.Add(new ConfigError(spec.Name, line, line > 0 ? 1 : 0, message));
        }
        return new SecretsLoadResult(errors.Count == 0 ? loaded.Store : null, errors);
    }

    /// <summary>
    /// Adds a value for every missing secret and keeps every existing one; returns the names
    /// added. A generated secret left empty counts as missing; an external one is added empty
    /// (the operator pastes it in) and never overwritten.
    /// </summary>
    public static IReadOnlyList<string> FillMissing(SecretStore store, IEnumerable<SecretSpec> specs)
    {
        var added = new List<string>();
        foreach (var spec in specs)
        {
            if (store.Values.TryGetValue(spec.Name, out var existing) && (existing.Length > 0 || spec.Kind == SecretKind.External))
            {
                continue;
            }
            store.Set(spec.Name, Generate(spec.Kind));
            added.Add(spec.Name);
        }
        return added;
    }

    public static string Generate(SecretKind kind) => kind switch
    {
        SecretKind.Password => RandomString(32),
        SecretKind.ShortPassword => RandomString(8),
        SecretKind.Base64Key => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        SecretKind.Uuid => Guid.NewGuid().ToString(),
        SecretKind.External => "",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string RandomString(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);

    /// <summary>Writes the file with mode 0600 from the start (never world-readable, not even briefly).</summary>
    public static void Save(string path, SecretStore store, IEnumerable<SecretSpec> specs)
    {
        var descriptions = specs.ToDictionary(s => s.Name, s => s.Description, StringComparer.Ordinal);
        var lines = new List<string>
        {
            "# osinstall secrets: generated by 'osinstall secrets generate'. Keep this file 0600; never commit it.",
            "# Empty values are external secrets (Ceph keys): paste the value from your Ceph cluster.",
        };
        foreach (var (name, value) in store.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (descriptions.TryGetValue(name, out var d))
            {
                lines.Add($"# {d}");
            }
            lines.Add($"{name}: '{value.Replace("'", "''", StringComparison.Ordinal)}'");
        }
        var tmp = path + ".tmp";
        // A stale temp file would keep its old (perhaps world-readable) mode; start afresh, exclusively.
        File.Delete(tmp);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var fs = new FileStream(tmp, options))
        using (var w = new StreamWriter(fs))
        {
            w.Write(string.Join('\n', lines) + "\n");
        }
        File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(tmp, path, overwrite: true);
    }
}
