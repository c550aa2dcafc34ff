using System.Net;

namespace OsInstall.Components.Pxe;

/// <summary>
/// Offers the rendered files over HTTP while `pxe serve` runs: the initramfs fetches the apkovl and
/// setup-alpine the answers by URL (neither speaks TFTP). Only the named files are served.
/// </summary>
public sealed class PxeHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string dir;
    private readonly HashSet<string> names;

    public PxeHttpServer(string dir, int port, IEnumerable<string> files, string host = "*")
    {
        this.dir = dir;
        names = new HashSet<string>(files, StringComparer.Ordinal);
        listener.Prefixes.Add($"http://{host}:{port}/");
    }

    /// <summary>Requests served so far, as "GET /name 200" lines (the console shows them).</summary>
    public event Action<string>? Served;

    public void Start() => listener.Start();

    /// <summary>Answers requests until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var registration = ct.Register(listener.Stop);
        while (!ct.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            await AnswerAsync(context).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var name = request.Url?.AbsolutePath.TrimStart('/') ?? "";
        var client = request.RemoteEndPoint?.ToString() ?? "?";
        byte[]? body = null;
        int status;
        if (request.HttpMethod is not ("GET" or "HEAD"))
        {
            status = 405;
        }
        else if (!names.Contains(name))
        {
            status = 404;
        }
        else
        {
            try
            {
                body = await File.ReadAllBytesAsync(Path.Combine(dir, name)).ConfigureAwait(false);
                status = 200;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                status = 404;
            }
        }
        try
        {
            response.StatusCode = status;
            if (body is not null)
            {
                response.ContentType = "application/octet-stream";
                response.ContentLength64 = body.Length;
                if (request.HttpMethod == "GET")
                {
                    await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
                }
            }
        }
        catch (HttpListenerException)
        {
            // The client went away: nothing to answer.
        }
        finally
        {
            response.Close();
        }
        Served?.Invoke($"{request.HttpMethod} /{name} {status} ({client})");
    }

    public void Dispose() => ((IDisposable)listener).Dispose();
}
