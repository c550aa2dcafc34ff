namespace OsInstall.Bench;

/// <summary>Repeated measurements of one thing; the median is what the table shows.</summary>
public sealed class Samples
{
    private readonly List<double> ms = [];

    public int Count => ms.Count;

    public void Add(TimeSpan t) => ms.Add(t.TotalMilliseconds);

    public double MedianMs
    {
        get
        {
            var sorted = ms.Order().ToList();
            var mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public static async Task<Samples> MeasureAsync(int times, Func<Task<TimeSpan>> once)
    {
        var s = new Samples();
        for (var i = 0; i < times; i++)
        {
            s.Add(await once().ConfigureAwait(false));
        }
        return s;
    }
}
