using OsInstall.Common.Config;

namespace OsInstall.Common.Secrets;

/// <summary>The secrets read from the file (null when anything is wrong) and every problem found, in the config's error style.</summary>
public sealed record SecretsLoadResult(SecretStore? Store, IReadOnlyList<ConfigError> Errors)
{
    public bool Ok => Store is not null && Errors.Count == 0;

    /// <summary>The store, or <see cref="ConfigInvalidException"/> naming <paramref name="path"/> and every problem.</summary>
    public SecretStore StoreOrThrow(string path) =>
        Ok ? Store! : throw new ConfigInvalidException(path, Errors);
}
