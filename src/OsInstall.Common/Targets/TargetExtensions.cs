using OsInstall.Common.Shell;

namespace OsInstall.Common.Targets;

public static class TargetExtensions
{
    /// <summary>Runs the command and throws <see cref="CommandFailedException"/> unless it exits 0.</summary>
    public static async Task<CommandResult> RunCheckedAsync(this ITarget target, string command, CancellationToken ct = default)
    {
        var result = await target.RunAsync(command, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new CommandFailedException(target.Name, command, result);
        }
        return result;
    }

    /// <summary>Runs a command of literal words, each quoted by <see cref="Sh"/>.</summary>
    public static Task<CommandResult> RunWordsAsync(this ITarget target, CancellationToken ct, params string[] words) =>
        target.RunCheckedAsync(Sh.Join(words), ct);

    public static Task<bool> WriteFileAsync(this ITarget target, string path, string content, CancellationToken ct = default) =>
        target.WriteFileAsync(path, content, FileSpec.Default, ct);
}
