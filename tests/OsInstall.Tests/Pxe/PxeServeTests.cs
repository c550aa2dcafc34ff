using System.Diagnostics;
using System.Text;
using OsInstall.Components.Pxe;
using OsInstall.Tests.Bind;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Pxe;

/// <summary>
/// A real `osinstall pxe serve` (the built osinstall, real dnsmasq, the HTTP server) inside a
/// network namespace of its own (unshare -n), where loopback carries controller-1's address: a
/// TFTP client and wget in the same namespace fetch what a booting node fetches. SIGINT (Ctrl-C)
/// stops it, dnsmasq included.
/// </summary>
public sealed class PxeServeTests
{
    private const string Controller = "10.1.1.1";
    private const int HttpPort = 18080;

    [Fact]
    public async Task Serve_answers_tftp_and_http_like_a_booting_node_sees_it_and_stops_on_ctrl_c()
    {
        Tool.Require("/usr/sbin/dnsmasq");
        using var dir = new TempDir("osinstall-pxe-serve");
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);
        var config = dir.File("common.yaml");
        await File.WriteAllTextAsync(config, PxeRender.Yaml(
            ("  serve: false ", "  serve: true  "),
            ("  interface: eth0                # controller-1", "  interface: lo                  # controller-1"),
            ("  http_port: 8080 ", $"  http_port: {HttpPort} ")));
        var served = dir.File("served");

        var psi = new ProcessStartInfo("unshare")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
        {
            "-n", "/bin/sh", "-c", "ip link set lo up && ip addr add \"$1\"/24 dev lo && exec dotnet \"$2\" pxe serve --dir \"$3\" --config \"$4\"",
            "sh", Controller, Path.Combine(AppContext.BaseDirectory, "osinstall.dll"), served, config,
        })
        {
            psi.ArgumentList.Add(a);
        }
        var output = new StringBuilder();
        using var serve = Process.Start(psi)!;
        serve.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        serve.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        string Output() { lock (output) { return output.ToString(); } }
        try
        {
            // Wait for dnsmasq's TFTP and the HTTP server (both come up before or with this line).
            using (var ready = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            {
                while (!Output().Contains("TFTP root is", StringComparison.Ordinal))
                {
                    Assert.False(serve.HasExited, "pxe serve ended early:\n" + Output());
                    await Task.Delay(200, ready.Token);
                }
            }
            var ns = $"--net=/proc/{serve.Id}/ns/net";

            var fetched = dir.File("boot.ipxe.fetched");
            var (tftp, tftpOutput) = await Tool.RunAsync("nsenter", ns, "/bin/busybox", "tftp", "-g", "-r", PxeLayout.BootScript, "-l", fetched, Controller);
            Assert.True(tftp == 0, tftpOutput + Output());
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(served, PxeLayout.BootScript)), await File.ReadAllTextAsync(fetched));

            var answers = dir.File("answers.fetched");
            var (http, httpOutput) = await Tool.RunAsync("nsenter", ns, "/bin/busybox", "wget", "-q", "-O", answers, $"http://{Controller}:{HttpPort}/{PxeLayout.Answers}");
            Assert.True(http == 0, httpOutput + Output());
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(served, PxeLayout.Answers)), await File.ReadAllBytesAsync(answers));

            // Only the rendered files are offered over HTTP.
            var (notServed, _) = await Tool.RunAsync("nsenter", ns, "/bin/busybox", "wget", "-q", "-O", "/dev/null", $"http://{Controller}:{HttpPort}/{PxeLayout.DnsmasqConf}");
            Assert.NotEqual(0, notServed);

            var (kill, killOutput) = await Tool.RunAsync("/bin/kill", "-INT", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(kill == 0, killOutput);
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await serve.WaitForExitAsync(limit.Token);
            serve.WaitForExit();
            Assert.True(serve.ExitCode == 0, Output());
            Assert.Contains("stopped:", Output(), StringComparison.Ordinal);
            Assert.Contains($"GET /{PxeLayout.Answers} 200", Output(), StringComparison.Ordinal);
            Assert.False(DnsmasqRunsFor(served), "dnsmasq outlived pxe serve");
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(entireProcessTree: true);
            }
        }
    }

    private static bool DnsmasqRunsFor(string served) =>
        Directory.EnumerateDirectories("/proc").Any(p =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(p, "cmdline")).Contains("--conf-file=" + served, StringComparison.Ordinal);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });
}
