namespace OsInstall.Components.Keystone;

/// <summary>Where keystone keeps its config and keys inside its containers.</summary>
internal static class KeystonePaths
{
    public const string Conf = "/etc/keystone/keystone.conf";
    public const string KeysRoot = "/etc/keystone";
    public const string FernetKeys = KeysRoot + "/fernet-keys";
    public const string CredentialKeys = KeysRoot + "/credential-keys";
    public const string JwsKeys = KeysRoot + "/jws-keys";
    public const string JwsPrivateKeys = JwsKeys + "/private";
    public const string JwsPublicKeys = JwsKeys + "/public";
}
