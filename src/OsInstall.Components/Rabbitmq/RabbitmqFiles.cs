using OsInstall.Common.Templates;

namespace OsInstall.Components.Rabbitmq;

/// <summary>The files of a RabbitMQ node, rendered from this component's templates (tests render the same).</summary>
public static class RabbitmqFiles
{
    public const string ServiceName = "rabbitmq-server";
    public const string InitScriptPath = "/etc/init.d/rabbitmq-server";

    /// <summary>The original's syslog facility for RabbitMQ (the seed: "local1 - for rabbitmq").</summary>
    public const string Facility = "local1";

    /// <summary>The original's log.default.level.</summary>
    public const string LogLevel = "warning";

    /// <summary>The Erlang cookie of the node (rabbitmq's HOME) and of rabbitmqctl run as root.</summary>
    public const string CookiePath = RabbitmqNode.DataDir + "/.erlang.cookie";
    public const string RootCookiePath = "/root/.erlang.cookie";

    public static string RenderConf(TemplateRenderer templates) =>
        templates.Render("Rabbitmq/templates/rabbitmq.conf.sbn", Vars(("facility", Facility), ("level", LogLevel)));

    public static string RenderEnv(TemplateRenderer templates, RabbitmqNode node) =>
        templates.Render("Rabbitmq/templates/rabbitmq-env.conf.sbn", Vars(("node", node)));

    public static string RenderInitScript(TemplateRenderer templates, RabbitmqRelease release) =>
        templates.Render("Rabbitmq/templates/rabbitmq-server.initd.sbn", Vars(
            ("release", release), ("data_dir", RabbitmqNode.DataDir), ("log_dir", RabbitmqNode.LogDir), ("facility", Facility)));

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
