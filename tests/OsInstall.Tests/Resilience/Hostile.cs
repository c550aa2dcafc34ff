using System.Text.RegularExpressions;
using OsInstall.Common.Config;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// Hostile one-line values for the runs that go through the real CLI loaders (which refuse line
/// breaks): every shell metacharacter and four ways to smuggle in `touch /tmp/pwned-TAG`, one
/// distinct tag per value. What the real validator accepts a payload in gets one; the simulated
/// cluster then shows that nothing hidden in a payload ran and that each reached a stand-in whole.
/// </summary>
internal static partial class Hostile
{
    public static string Payload(string tag) =>
        $"v{tag}'\"$\\`;|&<> $(touch /tmp/pwned-{tag}) `touch /tmp/pwned-{tag}`; touch /tmp/pwned-{tag} | touch /tmp/pwned-{tag} #";

    /// <summary>A config with nothing hostile in it, copied through YAML as the CLI reads it (structure only).</summary>
    public static ClusterConfig Copy(ClusterConfig config)
    {
        var bound = ConfigLoader.BindText(SimulatedConfig.ToYaml(config));
        Assert.Empty(bound.Errors);
        return bound.Config!;
    }

    /// <summary>
    /// What the real loader (the CLI's, every rule) says when one field of <paramref name="config"/> holds a
    /// payload (tag <paramref name="prefix"/>N), or the value <paramref name="valueFor"/> makes of the field.
    /// </summary>
    public static IReadOnlyList<(ConfigStringField Field, string Payload, IReadOnlyList<ConfigError> Errors)> TryEachField(
        ClusterConfig config, string prefix, Func<ConfigStringField, string>? valueFor = null)
    {
        var yaml = SimulatedConfig.ToYaml(config);
        // Else every field would read as refused, and "accepted by none" would prove nothing.
        Assert.Empty(ConfigLoader.LoadText(yaml).Errors);
        var copy = ConfigLoader.BindText(yaml).Config!;
        var fields = ConfigStringField.All(copy);
        var results = new List<(ConfigStringField, string, IReadOnlyList<ConfigError>)>();
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var payload = valueFor?.Invoke(field) ?? Payload($"{prefix}{i}");
            field.Set(payload);
            results.Add((field, payload, ConfigLoader.LoadText(SimulatedConfig.ToYaml(copy)).Errors));
            if (field.MapKeyOf is null)
            {
                field.Set(field.Value!); // back as it was (a null stays out of the YAML: OmitNull)
                continue;
            }
            copy = ConfigLoader.BindText(yaml).Config!; // a map's key is easier made afresh
            fields = ConfigStringField.All(copy);
        }
        return results;
    }

    /// <summary>
    /// Puts a payload (tags <paramref name="prefix"/>0, 1...) into each of <paramref name="fields"/> of
    /// <paramref name="config"/>; <paramref name="valueFor"/> may turn the payload into the value to set
    /// (a local file's path ending in it). Asserts the real loader accepts the result and reads each value back unchanged.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Inject(ClusterConfig config, string prefix, IReadOnlyCollection<string> fields, Func<string, string, string>? valueFor = null)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var field in ConfigStringField.All(config).Where(f => fields.Contains(f.Path)))
        {
            var value = valueFor?.Invoke(field.Path, Payload($"{prefix}{i}")) ?? Payload($"{prefix}{i}");
            i++;
            field.Set(value);
            set[field.Path] = value;
        }
        Assert.Equal(fields.Order(StringComparer.Ordinal), set.Keys.Order(StringComparer.Ordinal));
        var loaded = ConfigLoader.LoadText(SimulatedConfig.ToYaml(config));
        Assert.True(loaded.Errors.Count == 0, "the real loader refuses the hostile config:\n" + string.Join('\n', loaded.Errors));
        var back = ConfigStringField.All(loaded.Config!).ToDictionary(f => f.Path, f => f.Value, StringComparer.Ordinal);
        Assert.All(set, kv => Assert.Equal(kv.Value, back[kv.Key]));
        return set;
    }

    /// <summary>
    /// The fields the hostile whole-cluster run carries (<see cref="EndToEnd.FullClusterTests.CarriedFields"/>:
    /// all the validator accepts a payload in) set in <paramref name="config"/>, tags <paramref name="prefix"/>0, 1...
    /// </summary>
    public static IReadOnlyDictionary<string, string> InjectCarried(ClusterConfig config, string prefix, TempDir dir) =>
        Inject(config, prefix, EndToEnd.FullClusterTests.CarriedFields, LocalSshFiles(dir, config));

    /// <summary>
    /// For <see cref="Inject"/>: the SSH files on this machine (ssh.key_file, ssh.known_hosts) become copies
    /// of <paramref name="config"/>'s at a path under <paramref name="dir"/> ending in the payload (its '/'s
    /// make directories), so that the run still logs in; any other field holds the payload itself.
    /// </summary>
    public static Func<string, string, string> LocalSshFiles(TempDir dir, ClusterConfig config)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Ssh.KeyFile"] = config.Ssh.KeyFile,
            ["Ssh.KnownHosts"] = config.Ssh.KnownHosts,
        };
        return (field, payload) =>
        {
            if (!sources.TryGetValue(field, out var source))
            {
                return payload;
            }
            var path = $"{dir.Path}/{field}/{payload}";
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(source, path);
            return path;
        };
    }

    /// <summary>The tags <paramref name="prefix"/>0 .. <paramref name="prefix"/>(count-1).</summary>
    public static IEnumerable<string> Tags(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i}");

    /// <summary>
    /// Every secret of the catalog a distinct payload (tags <paramref name="prefix"/>0, 1...), except
    /// any whose payload the CLI's secrets reader refuses or changes: those keep a generated value and
    /// are listed in Plain with the reader's reason. A password must take any one line of printable
    /// text, so none of those may be plain.
    /// </summary>
    public static (SecretStore Store, IReadOnlyList<string> Plain) Secrets(string prefix)
    {
        var store = new SecretStore();
        var n = 0;
        foreach (var spec in SecretCatalog.All)
        {
            store.Set(spec.Name, Payload($"{prefix}{n++}"));
        }
        using var dir = new TempDir("osinstall-hostile-secrets");
        var path = dir.File("secrets.yaml");
        SecretsFile.Save(path, store, SecretCatalog.All);
        var read = SecretsFileReader.ReadAll(path, SecretCatalog.All);
        var plain = new List<string>();
        foreach (var spec in SecretCatalog.All)
        {
            var refused = read.Errors.FirstOrDefault(e => e.Path == spec.Name);
            if (refused is null && read.Store.Values.GetValueOrDefault(spec.Name) == store.Get(spec.Name))
            {
                continue;
            }
            Assert.True(spec.Kind != SecretKind.Password, $"the secrets reader refuses a password with shell metacharacters: {spec.Name}: {refused?.Message ?? "value changed"}");
            plain.Add($"{spec.Name} ({spec.Kind}): {refused?.Message.Replace(store.Get(spec.Name), "<payload>", StringComparison.Ordinal) ?? "read back changed"}");
            store.Set(spec.Name, spec.Kind == SecretKind.External
                ? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(40))
                : SecretsFile.Generate(spec.Kind));
        }
        return (store, plain);
    }

    /// <summary>
    /// Nothing hidden in a payload ran: no /tmp/pwned-* on any host, in any container's root under the
    /// hosts' /var/lib/lxc, nor (for <paramref name="tags"/>) on this machine; every stand-in argument that
    /// carries a payload carries whole ones only; no stand-in was asked to `touch`.
    /// </summary>
    /// <returns>How many stand-in arguments carried a payload.</returns>
    public static int AssertNothingRan(SimulatedCluster cluster, IEnumerable<string> tags)
    {
        var recursive = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var host in cluster.HostNames)
        {
            var tmp = cluster.InRoot(host, "/tmp");
            Assert.Empty(Directory.Exists(tmp) ? Directory.GetFiles(tmp, "pwned-*") : []);
            var lxc = cluster.InRoot(host, "/var/lib/lxc");
            Assert.Empty(Directory.Exists(lxc) ? Directory.GetFiles(lxc, "pwned-*", recursive) : []);
        }
        var ours = tags.Select(t => $"pwned-{t}").ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles("/tmp", "pwned-*"), f => ours.Contains(Path.GetFileName(f)));

        var carried = 0;
        var pieces = new List<string>();
        foreach (var host in cluster.HostNames)
        {
            foreach (var call in cluster.Calls(host))
            {
                Assert.NotEqual("touch", call.Command);
                carried += call.Args.Count(a => a.Contains("pwned-", StringComparison.Ordinal));
                pieces.AddRange(Pieces([ShellScript.Literal(call.Command, call.Args)]).Select(p => $"{host}: {call.Command}: {p}"));
            }
        }
        Assert.True(pieces.Count == 0, "payloads that reached a stand-in in pieces, or that a shell would interpret:\n" + string.Join('\n', pieces));
        return carried;
    }

    /// <summary>
    /// Every word of <paramref name="commands"/> holding "pwned-" that does not hold it inside a whole
    /// payload whose metacharacters are all quoted; a script word (after `sh -c`, `su -c`) is read as a script.
    /// </summary>
    /// <param name="whole">What a whole payload is (default: <see cref="WholePayload"/>).</param>
    public static IEnumerable<string> Pieces(IEnumerable<IReadOnlyList<ShellScript.Word>> commands, Regex? whole = null, int depth = 0)
    {
        whole ??= WholePayload();
        foreach (var command in commands)
        {
            for (var j = 0; j < command.Count; j++)
            {
                var word = command[j];
                if (!word.Text.Contains("pwned-", StringComparison.Ordinal))
                {
                    continue;
                }
                if (ShellScript.IsScriptWord(command, j) && depth < 5)
                {
                    foreach (var p in Pieces(ShellScript.Commands(word.Text), whole, depth + 1))
                    {
                        yield return p;
                    }
                    continue;
                }
                var covered = new bool[word.Text.Length];
                foreach (Match m in whole.Matches(word.Text))
                {
                    if (Enumerable.Range(m.Index, m.Length).All(k => word.Quoted[k] || IsPlain(word.Text[k])))
                    {
                        Array.Fill(covered, true, m.Index, m.Length);
                    }
                }
                var at = word.Text.IndexOf("pwned-", StringComparison.Ordinal);
                for (; at >= 0; at = word.Text.IndexOf("pwned-", at + 1, StringComparison.Ordinal))
                {
                    if (!covered[at])
                    {
                        yield return $"[{word.Text}] (word {j} of '{string.Join(' ', command.Select(w => w.Text))}')";
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Characters no shell interprets, harmless outside quotes.</summary>
    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '=' or ':' or ',' or '+' or '@' or '%';

    /// <summary>One whole payload, its tag the same throughout.</summary>
    [GeneratedRegex(@"v(?<t>[a-z]+[0-9]+)'""\$\\`;\|&<> \$\(touch /tmp/pwned-\k<t>\) `touch /tmp/pwned-\k<t>`; touch /tmp/pwned-\k<t> \| touch /tmp/pwned-\k<t> #")]
    public static partial Regex WholePayload();
}
