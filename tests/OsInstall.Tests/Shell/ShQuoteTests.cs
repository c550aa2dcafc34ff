using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Tests.Shell;

public class ShQuoteTests
{
    public static TheoryData<string> Nasty => new()
    {
        "plain",
        "",
        "with space",
        "it's",
        "'\"$\\`;|&<>",
        "$(touch /tmp/osinstall-pwned)",
        "`id`",
        "line1\nline2",
        "trailing\\",
        "*?[a]{b,c}~",
        "--option=value",
        "tab\there",
        "ünïcödé",
    };

    [Theory]
    [MemberData(nameof(Nasty))]
    public async Task Quoted_value_reaches_the_shell_as_one_literal_word(string value)
    {
        var target = new LocalTarget("local", TimeSpan.FromSeconds(10));
        // printf prints each argument between brackets: exactly one bracketed word must come back.
        var result = await target.RunAsync("printf '[%s]' " + Sh.Quote(value));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[" + value + "]", result.StdOut);
    }

    [Fact]
    public void Safe_words_are_left_bare_and_the_rest_single_quoted()
    {
        Assert.Equal("/etc/bind/named.conf", Sh.Quote("/etc/bind/named.conf"));
        Assert.Equal("''", Sh.Quote(""));
        Assert.Equal("'a b'", Sh.Quote("a b"));
        Assert.Equal("'it'\\''s'", Sh.Quote("it's"));
    }

    [Fact]
    public async Task Join_keeps_every_word_separate()
    {
        var target = new LocalTarget("local", TimeSpan.FromSeconds(10));
        var result = await target.RunAsync(Sh.Join("printf", "[%s]", "a b", "c;d", "$HOME"));
        Assert.Equal("[a b][c;d][$HOME]", result.StdOut);
    }
}
