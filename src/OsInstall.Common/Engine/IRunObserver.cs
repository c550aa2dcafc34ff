namespace OsInstall.Common.Engine;

/// <summary>Progress of a run, for the console (the CLI draws it; Common knows no terminal).</summary>
public interface IRunObserver
{
    void ComponentStarted(string component, Logging.Direction direction, int totalSteps);
    void ComponentSkipped(string component, string reason);
    void StepStarted(string component, Step step);
    void StepFinished(string component, Step step, bool skipped, TimeSpan duration);
    void StepFailed(string component, Step step, Exception error);
    void ComponentFinished(string component, bool ok, TimeSpan duration);
}

public sealed class NullRunObserver : IRunObserver
{
    public static readonly NullRunObserver Instance = new();
    public void ComponentStarted(string component, Logging.Direction direction, int totalSteps) { }
    public void ComponentSkipped(string component, string reason) { }
    public void StepStarted(string component, Step step) { }
    public void StepFinished(string component, Step step, bool skipped, TimeSpan duration) { }
    public void StepFailed(string component, Step step, Exception error) { }
    public void ComponentFinished(string component, bool ok, TimeSpan duration) { }
}
