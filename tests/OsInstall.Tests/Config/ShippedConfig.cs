using OsInstall.Common.Config;
using Xunit;

namespace OsInstall.Tests.Config;

/// <summary>The shipped config/common.yaml, and edits of it that break exactly one rule.</summary>
internal static class ShippedConfig
{
    public static string Text => File.ReadAllText(RepoPaths.ShippedConfig);

    /// <summary>The shipped config with the first occurrence of <paramref name="find"/> replaced; the line it was on.</summary>
    public static (string Yaml, int Line) Edit(string find, string replace)
    {
        var text = Text;
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in config/common.yaml");
        var line = text[..at].Count(c => c == '\n') + 1;
        return (text[..at] + replace + text[(at + find.Length)..], line);
    }

    /// <summary>Loads the shipped config with one edit and returns the errors.</summary>
    public static (IReadOnlyList<ConfigError> Errors, int Line) LoadEdited(string find, string replace)
    {
        var (yaml, line) = Edit(find, replace);
        var result = ConfigLoader.LoadText(yaml);
        return (result.Errors, line);
    }

    /// <summary>Asserts there is exactly one error, at <paramref name="path"/> and <paramref name="line"/>, whose message holds every word given.</summary>
    public static ConfigError Single(IReadOnlyList<ConfigError> errors, string path, int line, params string[] words)
    {
        Assert.True(errors.Count == 1, $"expected one error, got {errors.Count}:\n" + string.Join('\n', errors));
        var error = errors[0];
        Assert.Equal(path, error.Path);
        Assert.Equal(line, error.Line);
        foreach (var w in words)
        {
            Assert.Contains(w, error.Message, StringComparison.Ordinal);
        }
        return error;
    }

    /// <summary>Edits the shipped config, loads it, and checks the single error.</summary>
    public static ConfigError Expect(string find, string replace, string path, params string[] words)
    {
        var (errors, line) = LoadEdited(find, replace);
        return Single(errors, path, line, words);
    }
}
