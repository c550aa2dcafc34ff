using System.Text;
using OsInstall.Common.Config;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using Xunit;

namespace OsInstall.Tests.Config;

/// <summary>
/// tests/fixtures/bad-config: malformed configs (config-*.yaml) and secrets files (secrets-*.yaml).
/// Each must give at least one error with a line number, no exception, no stack trace; a first
/// line "# expect: TEXT" names what one of those errors must say ("line N: path: message", so it may name the key).
/// </summary>
public sealed class BadInputCorpusTests
{
    private static string CorpusDir => Path.Combine(RepoPaths.Fixtures, "bad-config");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDir, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void Corpus_holds_at_least_forty_files_of_each_kind_combined()
    {
        var files = Directory.GetFiles(CorpusDir, "*.yaml");
        Assert.True(files.Length >= 40, $"{files.Length} files");
        Assert.Contains(files, f => Path.GetFileName(f).StartsWith("secrets-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_malformed_file_gives_errors_with_lines_and_no_exception(string name)
    {
        var path = Path.Combine(CorpusDir, name);
        IReadOnlyList<ConfigError> errors = [];
        var thrown = Record.Exception(() =>
            errors = name.StartsWith("secrets-", StringComparison.Ordinal)
                ? SecretsFile.LoadChecked(path, SecretCatalog.All).Errors
                : ConfigLoader.LoadFile(path).Errors);
        Assert.Null(thrown);
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Line > 0);
        Assert.All(errors, e => Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal));
        var expected = ExpectedText(path);
        if (expected is not null)
        {
            Assert.True(errors.Any(e => e.Line > 0 && e.ToString().Contains(expected, StringComparison.Ordinal)),
                $"no error with a line says '{expected}':\n" + string.Join('\n', errors));
        }
    }

    private static string? ExpectedText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var end = Array.IndexOf(bytes, (byte)'\n');
        var first = Encoding.ASCII.GetString(bytes, 0, end < 0 ? bytes.Length : end);
        const string marker = "# expect: ";
        return first.StartsWith(marker, StringComparison.Ordinal) ? first[marker.Length..] : null;
    }
}
