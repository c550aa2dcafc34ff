namespace OsInstall.Common.Containers;

/// <summary>The protected snapshot a clone was made from.</summary>
public sealed record RbdParent(string Pool, string Image, string Snapshot)
{
    public override string ToString() => $"{Pool}/{Image}@{Snapshot}";
}
