using OsInstall.Common.Shell;

namespace OsInstall.Components.Nova;

/// <summary>
/// nova's one-time database commands, in the original's order (api_db sync, map_cell0, create_cell
/// cell1, db sync), each safe to repeat: the syncs are no-ops on a current schema, and the cell
/// mappings are made only when <c>nova-manage cell_v2 list_cells</c> does not list them yet (a
/// second create_cell of cell1 would add a second cell of that name). The cell database URLs are
/// the ones nova derives from nova.conf (cell0: [database] connection with the database name
/// nova_cell0; cell1: [database] and the transport URL), so no password reaches a command line.
/// </summary>
public static class NovaCells
{
    public const string Cell0 = "cell0";
    public const string Cell1 = "cell1";

    /// <param name="novaManage">The nova-manage to run (the venv's; tests give a stand-in).</param>
    public static IReadOnlyList<string> Commands(string novaManage) =>
    [
        Sh.Join(novaManage, "api_db", "sync"),
        IfCellMissing(novaManage, Cell0, Sh.Join(novaManage, "cell_v2", "map_cell0")),
        IfCellMissing(novaManage, Cell1, Sh.Join(novaManage, "cell_v2", "create_cell", $"--name={Cell1}", "--verbose")),
        Sh.Join(novaManage, "db", "sync"),
    ];

    /// <summary>
    /// Runs <paramref name="create"/> unless list_cells shows a cell named <paramref name="cell"/>
    /// (its table row "| cell1 | uuid | ..."); fails, creating nothing, when list_cells itself fails.
    /// </summary>
    public static string IfCellMissing(string novaManage, string cell, string create) =>
        $"cells=$({Sh.Join(novaManage, "cell_v2", "list_cells")}) && " +
        $"{{ printf '%s\\n' \"$cells\" | grep -Eq {Sh.Quote($"^\\| +{cell} +\\|")} || {create}; }}";
}
