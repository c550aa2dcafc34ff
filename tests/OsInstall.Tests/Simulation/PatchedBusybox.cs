using System.Diagnostics;
using System.Text;

namespace OsInstall.Tests.Simulation;

/// <summary>
/// Debian's busybox-static is built with FEATURE_PREFER_APPLETS: its shell (and xargs, env,
/// timeout...) runs a built-in applet before looking at PATH, so inside a chroot `reboot` or
/// `ip link set lo down` would act on THIS machine whatever stand-in sits on PATH. This copy
/// renames the denied applets in the applet table (one byte each, so the table keeps its size
/// and its sort order, which the lookup relies on) and ash's `kill` builtin, so those names are
/// not found as applets and PATH, i.e. the stand-ins, decides. Verified before use.
/// The originals stay reachable as <c>busybox &lt;new name&gt;</c> (see <see cref="Renamed"/>).
/// </summary>
public sealed class PatchedBusybox
{
    public const string Source = "/bin/busybox";

    private PatchedBusybox(string path, IReadOnlyDictionary<string, string> renamed)
    {
        Path = path;
        Renamed = renamed;
    }

    public string Path { get; }

    /// <summary>Denied applet -> the name it has in the patched table.</summary>
    public IReadOnlyDictionary<string, string> Renamed { get; }

    /// <summary>Writes the patched binary to <paramref name="path"/> (its file name must be "busybox") and checks every applet lookup on it.</summary>
    public static PatchedBusybox Create(string path)
    {
        var binary = File.ReadAllBytes(Source);
        var names = HostRootBuilder.Run(Source, "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var table = Encoding.Latin1.GetBytes(string.Join('\0', names) + "\0");
        var at = IndexOf(binary, table);
        if (at < 0 || IndexOf(binary, table, at + 1) >= 0)
        {
            throw new InvalidOperationException($"cannot find busybox's applet table exactly once in {Source}");
        }
        var patched = names.ToArray();
        for (var i = 0; i < patched.Length; i++)
        {
            if (!StandIns.DeniedApplets.Contains(names[i]) || names[i] == "busybox")
            {
                continue;
            }
            if (Rename(patched, i) is { } name)
            {
                patched[i] = name;
            }
            else if (i > 0 && patched[i - 1] != names[i - 1] &&
                     SmallestAbove(i > 1 ? patched[i - 2] : "", names[i - 1].Length) is var lower &&
                     string.CompareOrdinal(lower, names[i]) < 0)
            {
                // No room between the neighbours: move the (also renamed) predecessor down and retry.
                patched[i - 1] = lower;
                patched[i] = Rename(patched, i) ?? throw new InvalidOperationException($"cannot rename applet '{names[i]}'");
            }
            else
            {
                throw new InvalidOperationException($"cannot rename applet '{names[i]}'");
            }
        }
        Encoding.Latin1.GetBytes(string.Join('\0', patched) + "\0").CopyTo(binary, at);

        // ash's builtin table entry "2kill" (a regular builtin): renamed, `kill` goes through PATH.
        var killBuiltin = Encoding.ASCII.GetBytes("2kill\0");
        var k = IndexOf(binary, killBuiltin);
        if (k < 0 || IndexOf(binary, killBuiltin, k + 1) >= 0)
        {
            throw new InvalidOperationException("cannot find ash's kill builtin exactly once");
        }
        binary[k + 4] = (byte)'~';

        File.WriteAllBytes(path, binary);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (patched[i] != names[i])
            {
                renamed[names[i]] = patched[i];
            }
        }
        Verify(path, names.Where(n => !renamed.ContainsKey(n) && n is not "busybox" and not "[" and not "[["), [.. renamed.Keys, "kill"]);
        return new PatchedBusybox(path, renamed);
    }

    // A same-length name differing in one byte that still sorts strictly between its neighbours.
    private static string? Rename(string[] names, int i)
    {
        var prev = i > 0 ? names[i - 1] : "";
        var next = i + 1 < names.Length ? names[i + 1] : null;
        var original = names[i];
        string? best = null;
        for (var pos = original.Length - 1; pos >= 0; pos--)
        {
            for (var c = (char)0x21; c <= (char)0x7e; c++)
            {
                if (c == original[pos])
                {
                    continue;
                }
                var candidate = original[..pos] + c + original[(pos + 1)..];
                if (string.CompareOrdinal(prev, candidate) < 0 && (next is null || string.CompareOrdinal(candidate, next) < 0) &&
                    (best is null || string.CompareOrdinal(candidate, best) > 0))
                {
                    best = candidate;
                }
            }
        }
        return best;
    }

    // The smallest printable string of the given length that sorts after prev.
    private static string SmallestAbove(string prev, int length)
    {
        if (prev.Length < length)
        {
            return prev + new string('!', length - prev.Length);
        }
        var chars = prev[..length].ToCharArray();
        for (var pos = length - 1; pos >= 0; pos--)
        {
            if (chars[pos] < '~')
            {
                chars[pos]++;
                for (var rest = pos + 1; rest < length; rest++)
                {
                    chars[rest] = '!';
                }
                return new string(chars);
            }
        }
        throw new InvalidOperationException($"no name of length {length} sorts after '{prev}'");
    }

    private static void Verify(string busybox, IEnumerable<string> allowed, IEnumerable<string> denied)
    {
        // With PATH pointing nowhere, `command -v` finds a name only as a builtin or an applet.
        const string check = "expect=found; for n in \"$@\"; do if [ \"$n\" = -- ]; then expect=absent; continue; fi; " +
            "if command -v \"$n\" >/dev/null 2>&1; then got=found; else got=absent; fi; " +
            "[ \"$got\" = \"$expect\" ] || echo \"$n: $got\"; done";
        var psi = new ProcessStartInfo(busybox) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["PATH"] = "/nonexistent";
        foreach (var a in new[] { "sh", "-c", check, "sh" }.Concat(allowed).Append("--").Concat(denied))
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot run the patched busybox");
        var stderr = p.StandardError.ReadToEndAsync();
        var wrong = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0 || wrong.Length > 0)
        {
            throw new InvalidOperationException($"patched busybox does not resolve applets as intended: {wrong}{stderr.Result}");
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from = 0) =>
        haystack.AsSpan(from).IndexOf(needle) is var i && i >= 0 ? i + from : -1;
}
