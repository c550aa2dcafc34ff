namespace OsInstall.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int StepFailed = 1;
    public const int BadInput = 2;
    public const int Interrupted = 130;
}
