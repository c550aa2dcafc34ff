using System.Text.Json;

namespace OsInstall.Tests.OpenStack;

/// <summary>
/// Runs oslo_config_check.py (copied beside the test binary) on a rendered OpenStack config file:
/// oslo-config-validator for unknown options, then every option read back through the service's
/// own oslo.config definitions (Debian's python3-&lt;service&gt;, packages in tests/packages.d/openstack.txt).
/// </summary>
internal static class OsloConfigChecker
{
    public static string ScriptDirectory => Path.Combine(AppContext.BaseDirectory, "OpenStack");

    public static string Script => Path.Combine(ScriptDirectory, "oslo_config_check.py");

    /// <param name="service">The service's entry in oslo_services.json.</param>
    /// <param name="content">The rendered file.</param>
    /// <param name="allowList">Another allow-list file (tests of the allow-list itself); default the shipped one.</param>
    public static async Task<(int Exit, string Output)> CheckAsync(string service, string content, string? allowList = null)
    {
        var (exit, output, _) = await RunAsync(service, content, allowList, dump: false);
        return (exit, output);
    }

    /// <summary>
    /// The check, and every option of the file as the service reads it (after oslo.config's
    /// $-substitution): "section/option" to the value, and for a URL the passwords its real consumer
    /// (oslo.messaging, SQLAlchemy) decodes from it.
    /// </summary>
    public static async Task<(int Exit, string Output, IReadOnlyDictionary<string, ReadBack> Values)> CheckAndReadAsync(string service, string content)
    {
        var (exit, output, json) = await RunAsync(service, content, allowList: null, dump: true);
        var values = new Dictionary<string, ReadBack>(StringComparer.Ordinal);
        if (json is not null)
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var option in doc.RootElement.EnumerateObject())
            {
                var value = option.Value.GetProperty("value");
                var strings = value.ValueKind switch
                {
                    JsonValueKind.String => [value.GetString()!],
                    JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
                    _ => new List<string>(),
                };
                List<string?>? passwords = option.Value.TryGetProperty("url_passwords", out var p)
                    ? [.. p.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null)]
                    : null;
                values[option.Name] = new ReadBack(strings, passwords);
            }
        }
        return (exit, output, values);
    }

    /// <summary>One option as read back: its text value(s) (a list option has several), and the passwords of a URL value.</summary>
    public sealed record ReadBack(IReadOnlyList<string> Texts, IReadOnlyList<string?>? UrlPasswords);

    private static async Task<(int Exit, string Output, string? Json)> RunAsync(string service, string content, string? allowList, bool dump)
    {
        var dir = Directory.CreateTempSubdirectory("osinstall-oslo-");
        try
        {
            var path = Path.Combine(dir.FullName, $"{service}.conf");
            var dumpPath = Path.Combine(dir.FullName, "values.json");
            await File.WriteAllTextAsync(path, content);
            List<string> args = [Script, "--service", service, "--file", path];
            if (allowList is not null)
            {
                args.AddRange(["--allow-list", allowList]);
            }
            if (dump)
            {
                args.AddRange(["--dump-values", dumpPath]);
            }
            var (exit, output) = await Python.RunAsync([.. args]);
            return (exit, output, dump && File.Exists(dumpPath) ? await File.ReadAllTextAsync(dumpPath) : null);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
