using System.Runtime.CompilerServices;
using OsInstall.Common.Dns;
using OsInstall.Common.Engine;

namespace OsInstall.Components.Compute;

/// <summary>
/// The nodes' DNS records, applied together: every node's step edits the same zone files on the
/// primary, one read-modify-write (read, write, rndc reload per zone) at a time. Records asked for
/// while one edit runs go into the next one, so 32 nodes cost a few edits instead of 32 in a row.
/// </summary>
/// <remarks>
/// Each step still waits for its own records and sees its own outcome: when an edit of several
/// nodes' records fails, each node's records are applied again on their own (the changes set or
/// delete records, so applying one twice changes nothing), and only a node whose own edit fails
/// fails. One batcher per component run (its <see cref="ComponentContext"/>).
/// </remarks>
internal sealed class NodeDnsBatches
{
    private static readonly ConditionalWeakTable<ComponentContext, NodeDnsBatches> PerRun = [];

    private readonly Lock gate = new();
    private List<Request> waiting = [];
    private bool applying;

    public static NodeDnsBatches For(ComponentContext ctx) => PerRun.GetValue(ctx, _ => new NodeDnsBatches());

    /// <summary>Applies <paramref name="changes"/> with those of the other nodes that ask meanwhile; completes when they are applied.</summary>
    public Task ApplyAsync(DnsRecordService dns, IReadOnlyList<DnsChange> changes)
    {
        var request = new Request(changes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (gate)
        {
            waiting.Add(request);
            start = !applying;
            applying = true;
        }
        if (start)
        {
            _ = Task.Run(() => DrainAsync(dns));
        }
        return request.Done.Task;
    }

    private async Task DrainAsync(DnsRecordService dns)
    {
        while (true)
        {
            List<Request> batch;
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    applying = false;
                    return;
                }
                batch = waiting;
                waiting = [];
            }
            try
            {
                await dns.ApplyAsync(batch.SelectMany(r => r.Changes)).ConfigureAwait(false);
                batch.ForEach(r => r.Done.TrySetResult());
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var request in batch)
                {
                    await ApplyAloneAsync(dns, request).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private static async Task ApplyAloneAsync(DnsRecordService dns, Request request)
    {
        try
        {
            await dns.ApplyAsync(request.Changes).ConfigureAwait(false);
            request.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            request.Done.TrySetException(ex);
        }
    }

    private sealed record Request(IReadOnlyList<DnsChange> Changes, TaskCompletionSource Done);
}
