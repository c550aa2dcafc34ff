using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OsInstall.Common.Config.Yaml;

/// <summary>
/// Builds a <see cref="YamlNode"/> tree from YamlDotNet's parser events. Reads the event stream
/// itself (rather than YamlStream) so that duplicate keys are reported, every one of them, instead
/// of either being accepted silently or aborting the load at the first.
/// </summary>
public sealed class YamlTreeReader
{
    /// <summary>Deeper nesting than any config needs; stops a crafted file from exhausting the stack.</summary>
    public const int MaxDepth = 32;

    private readonly IParser parser;
    private readonly List<ConfigError> errors;
    private readonly Dictionary<string, YamlNode> anchors = new(StringComparer.Ordinal);
    private Mark lastMark = Mark.Empty;

    private YamlTreeReader(string text, List<ConfigError> errors)
    {
        parser = new Parser(new StringReader(text));
        this.errors = errors;
    }

    /// <summary>The root node of the single document in <paramref name="text"/>, or null (errors say why).</summary>
    public static YamlNode? Read(string text, List<ConfigError> errors)
    {
        var reader = new YamlTreeReader(text, errors);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException ex)
        {
            errors.Add(new ConfigError("(yaml)", Line(ex.Start), Column(ex.Start), "YAML syntax error: " + Describe(ex)));
            return null;
        }
        catch (TooDeepException ex)
        {
            errors.Add(new ConfigError(ex.Path, ex.LineNumber, ex.ColumnNumber, $"nesting is deeper than {MaxDepth} levels"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some malformed flow collections.
            var line = Math.Max(1, Line(reader.lastMark));
            errors.Add(new ConfigError("(yaml)", line, Column(reader.lastMark), $"YAML syntax error at or after this point: the parser could not continue (often an unclosed '[' or '{{' or a stray quote)"));
            return null;
        }
    }

    private YamlNode? ReadStream()
    {
        parser.Consume<StreamStart>();
        YamlNode? root = null;
        var documents = 0;
        while (parser.TryConsume<DocumentStart>(out var docStart))
        {
            documents++;
            anchors.Clear();
            var node = ReadNode("", 0);
            parser.Consume<DocumentEnd>();
            if (documents == 1)
            {
                root = node;
            }
            else
            {
                errors.Add(new ConfigError("(document)", Line(docStart.Start), Column(docStart.Start),
                    "the file holds more than one YAML document (a second '---'); put everything in one"));
            }
        }
        parser.Consume<StreamEnd>();
        return root;
    }

    private YamlNode ReadNode(string path, int depth)
    {
        var start = parser.Current?.Start ?? Mark.Empty;
        lastMark = start;
        if (depth > MaxDepth)
        {
            throw new TooDeepException(path, Line(start), Column(start));
        }
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }
            errors.Add(new ConfigError(path, Line(alias.Start), Column(alias.Start), $"alias '*{alias.Value}' refers to no anchor defined before it"));
            return new YamlScalar(path, Line(alias.Start), Column(alias.Start), "", quoted: false);
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var node = new YamlScalar(path, Line(scalar.Start), Column(scalar.Start), scalar.Value, scalar.Style != ScalarStyle.Plain);
            Remember(scalar.Anchor, node);
            return node;
        }
        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var seq = new YamlSequence(path, Line(seqStart.Start), Column(seqStart.Start));
            Remember(seqStart.Anchor, seq);
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                seq.Items.Add(ReadNode($"{path}[{seq.Items.Count}]", depth + 1));
            }
            return seq;
        }
        var mapStart = parser.Consume<MappingStart>();
        var map = new YamlMapping(path, Line(mapStart.Start), Column(mapStart.Start));
        Remember(mapStart.Anchor, map);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current?.Start ?? Mark.Empty;
            var keyNode = ReadNode(path, depth + 1);
            var key = keyNode is YamlScalar ks ? ks.Value : "";
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            var value = ReadNode(childPath, depth + 1);
            if (keyNode is not YamlScalar)
            {
                errors.Add(new ConfigError(path.Length == 0 ? "(root)" : path, Line(keyStart), Column(keyStart), $"a key must be a plain name, not {keyNode.Describe()}"));
                continue;
            }
            var duplicate = firstLine.TryGetValue(key, out var first);
            if (duplicate)
            {
                errors.Add(new ConfigError(childPath, Line(keyStart), Column(keyStart), $"duplicate key '{key}' (first defined at line {first}); each key may appear once"));
            }
            else
            {
                firstLine[key] = Line(keyStart);
            }
            map.Entries.Add(new YamlMappingEntry(key, Line(keyStart), Column(keyStart), value, duplicate));
        }
        return map;
    }

    private void Remember(AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static int Line(Mark m) => (int)Math.Min(int.MaxValue, m.Line);

    private static int Column(Mark m) => (int)Math.Min(int.MaxValue, m.Column);

    private static string Describe(YamlException ex)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 40) - (Line: ...): "; the line is reported separately.
        var message = ex.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        message = cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
        return message.Trim();
    }

    private sealed class TooDeepException(string path, int line, int column) : Exception
    {
        public string Path { get; } = path;
        public int LineNumber { get; } = line;
        public int ColumnNumber { get; } = column;
    }
}
