namespace OsInstall.Common.Containers;

/// <summary>One container of a set: &lt;name&gt;-&lt;index&gt; on the index-th controller.</summary>
public sealed record ContainerMember(string SetName, int Index, string Container, string Host)
{
    public bool IsFirst => Index == 1;
}
