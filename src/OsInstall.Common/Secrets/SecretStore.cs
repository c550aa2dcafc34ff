namespace OsInstall.Common.Secrets;

/// <summary>Secret values by name, loaded from the secrets file (a flat YAML map, mode 0600).</summary>
public sealed class SecretStore
{
    private readonly Dictionary<string, string> values;

    public SecretStore(IDictionary<string, string>? values = null)
    {
        this.values = new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>The value of a secret; a clear error names the missing one and how to fix it.</summary>
    public string Get(string name)
    {
        if (values.TryGetValue(name, out var v) && v.Length > 0)
        {
            return v;
        }
        throw new SecretMissingException(name);
    }

    public bool TryGet(string name, out string value)
    {
        if (values.TryGetValue(name, out var v) && v.Length > 0)
        {
            value = v;
            return true;
        }
        value = "";
        return false;
    }

    public void Set(string name, string value) => values[name] = value;
}

public sealed class SecretMissingException(string name)
    : Exception($"secret '{name}' is missing or empty in the secrets file: run 'osinstall secrets generate' (external secrets such as Ceph keys must be pasted in by hand)")
{
    public string Name { get; } = name;
}
