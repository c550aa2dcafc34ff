namespace OsInstall.Tests.Resilience;

/// <summary>Waits for something a child process or a host does; no timing is asserted, the limit only keeps a broken run from hanging.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up waiting for: {what}");
            }
            await Task.Delay(25);
        }
    }
}
