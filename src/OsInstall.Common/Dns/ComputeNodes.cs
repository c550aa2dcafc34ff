using OsInstall.Common.Config;

namespace OsInstall.Common.Dns;

/// <summary>
/// "node add|remove": the compute node's entry in the config file and its A (forward zone) and PTR
/// (compute reverse zone) records on the DNS primary. The edited config is validated before it is
/// written; both operations are safe to repeat (a half-finished earlier run is completed).
/// </summary>
/// <param name="dnsFor">The record service for the config as edited (the CLI: the primary's target and the default zone paths).</param>
public sealed class ComputeNodes(string configPath, Func<ClusterConfig, DnsRecordService> dnsFor)
{
    public async Task<ComputeNodeResult> AddAsync(string name, string address, CancellationToken ct = default)
    {
        var (text, config) = Load();
        var existing = config.ComputeNodes.FirstOrDefault(n => n.Name == name);
        var configChanged = false;
        if (existing is null)
        {
            var edited = ComputeNodeList.Append(text, name, address);
            config = Validate(edited);
            await WriteAsync(edited, ct).ConfigureAwait(false);
            configChanged = true;
        }
        else if (existing.Address != address)
        {
            throw new ComputeNodeRefusedException($"compute node {name} is already in {configPath} with address {existing.Address}; remove it first");
        }
        var dns = dnsFor(config);
        var dnsChanged = await dns.AddOrReplaceHostAsync(name, address, ct).ConfigureAwait(false);
        return new ComputeNodeResult(configChanged, dnsChanged);
    }

    public async Task<ComputeNodeResult> RemoveAsync(string name, CancellationToken ct = default)
    {
        var (text, config) = Load();
        if (config.Controllers.Any(c => c.Name == name))
        {
            throw new ComputeNodeRefusedException($"{name} is a controller, not a compute node");
        }
        var configChanged = false;
        if (config.ComputeNodes.Any(n => n.Name == name))
        {
            var edited = ComputeNodeList.Remove(text, name);
            if (edited == text)
            {
                throw new ComputeNodeRefusedException($"could not find the lines of compute node {name} in {configPath}: edit it by hand");
            }
            config = Validate(edited);
            await WriteAsync(edited, ct).ConfigureAwait(false);
            configChanged = true;
        }
        var dns = dnsFor(config);
        var dnsChanged = await dns.DeleteHostAsync(name, ct).ConfigureAwait(false);
        return new ComputeNodeResult(configChanged, dnsChanged);
    }

    private (string Text, ClusterConfig Config) Load()
    {
        var text = File.ReadAllText(configPath);
        return (text, Validate(text));
    }

    private ClusterConfig Validate(string text)
    {
        var result = ConfigLoader.LoadText(text);
        return result.Ok ? result.Config! : throw new ConfigInvalidException(configPath, result.Errors);
    }

    /// <summary>Written beside and renamed over, so a crash never leaves half a config.</summary>
    private async Task WriteAsync(string text, CancellationToken ct)
    {
        var temp = configPath + ".osinstall-new";
        await File.WriteAllTextAsync(temp, text, ct).ConfigureAwait(false);
        File.Move(temp, configPath, overwrite: true);
    }
}
