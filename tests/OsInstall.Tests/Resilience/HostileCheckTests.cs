using OsInstall.Common.Shell;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// The check the hostile runs rely on (<see cref="Hostile.Pieces"/> over <see cref="ShellScript"/>):
/// what the quoting helper builds passes, however deeply nested; hand-made quoting that a shell would
/// break apart is caught, also inside a script handed to `sh -c` or `su -c`.
/// </summary>
public sealed class HostileCheckTests
{
    private static readonly string P = Hostile.Payload("x1");

    private static List<string> ScriptPieces(string script) => Hostile.Pieces(ShellScript.Commands(script)).ToList();

    private static List<string> CallPieces(string command, params string[] args) => Hostile.Pieces([ShellScript.Literal(command, args)]).ToList();

    public static TheoryData<string> Quoted() =>
    [
        Sh.Join("apk", "add", P),
        Sh.Join("apk", "add", "postgresql" + P, $"/usr/libexec/{P}/psql"),
        $"[ -f {Sh.Quote(P)} ] || {{ {Sh.Join("mkdir", "-p", P)} && echo osinstall:changed; }}",
        $"{{ have=\" $(apk info -e {Sh.Quote(P)} 2>/dev/null | tr '\\n' ' ')\"; for p in {Sh.Quote(P)}; do case $have in *\" $p \"*) ;; *) set -- \"$@\" \"$p\" ;; esac; done; }}",
        $"x=\"$(cat {Sh.Quote(P)})\" && echo \"$x\"",
        Sh.Join("su", "-s", "/bin/sh", "postgres", "-c", $"[ -f {Sh.Quote(P + "/data")} ] && l=$({Sh.Join("pg_controldata", "-D", P)} | sed -n 's/x//p')"),
        Sh.Join("sh", "-c", Sh.Join("su", "-c", Sh.Join("echo", P))),
        $"echo ok # {Sh.Quote(P)}",
    ];

    [Theory]
    [MemberData(nameof(Quoted))]
    public void What_the_quoting_helper_builds_passes(string script)
    {
        Assert.Contains("pwned-x1", script, StringComparison.Ordinal);
        Assert.Empty(ScriptPieces(script));
        Assert.Empty(CallPieces("lxc-attach", "-n", "postgres-1", "--", "/bin/sh", "-c", script));
    }

    public static TheoryData<string> Broken() =>
    [
        "apk add " + P,
        $"apk add '{P}'",
        $"apk add \"{P}\"",
        $"echo \"$(cat {P})\"",
        $"[ -f {Sh.Quote(P)} ] || mkdir -p /etc/{P}",
        Sh.Join("su", "-s", "/bin/sh", "postgres", "-c", "psql -f " + P),
        Sh.Join("sh", "-c", Sh.Join("su", "-c", $"echo '{P}'")),
        $"echo `cat {P}`",
        $"echo `cat {Sh.Quote(P)}`", // inside backquotes the payload's own backquote ends the substitution: quoting cannot help
    ];

    [Theory]
    [MemberData(nameof(Broken))]
    public void Hand_made_quoting_a_shell_breaks_apart_is_caught(string script)
    {
        Assert.NotEmpty(ScriptPieces(script));
        Assert.NotEmpty(CallPieces("lxc-attach", "-n", "postgres-1", "--", "/bin/sh", "-c", script));
    }

    [Fact]
    public void A_stand_in_argument_passes_whole_and_fails_in_pieces()
    {
        Assert.Empty(CallPieces("openstack", "user", "create", "--password", P, "glance"));
        Assert.Empty(CallPieces("apk", "add", "postgresql" + P + "-client"));
        Assert.NotEmpty(CallPieces("touch", "/tmp/pwned-x1"));
        Assert.NotEmpty(CallPieces("apk", "add", P[..20], P[20..]));
        Assert.NotEmpty(CallPieces("apk", "add", Hostile.Payload("x1").Replace("x1)", "x2)", StringComparison.Ordinal)));
    }
}
