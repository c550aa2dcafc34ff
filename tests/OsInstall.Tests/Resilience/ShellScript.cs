using System.Text;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// Reads a POSIX shell script the way the shell splits it into commands and words, without running
/// anything: which characters of each word are quoted (taken literally) and which the shell would
/// interpret. Command substitutions ($(...), `...`) become commands of their own, and a word after
/// `sh -c` or `su ... -c` is read again as the script it is. Enough of the shell for what osinstall
/// sends (quotes, backslashes, substitutions, expansions, comments, operators); a construct it does
/// not know leaves characters unquoted, so a payload there is reported, never waved through.
/// </summary>
internal sealed class ShellScript
{
    /// <summary>One word as the shell passes it, and which of its characters were quoted.</summary>
    public sealed record Word(string Text, bool[] Quoted);

    private readonly string s;
    private readonly List<List<Word>> commands = [];
    private int i;

    private ShellScript(string script) => s = script;

    /// <summary>The simple commands of <paramref name="script"/>, substitutions' commands included, each a list of words.</summary>
    public static IReadOnlyList<IReadOnlyList<Word>> Commands(string script)
    {
        var parser = new ShellScript(script);
        parser.ParseList(closer: null);
        return parser.commands;
    }

    /// <summary>A command whose words are all literal (what a stand-in received as its arguments).</summary>
    public static IReadOnlyList<Word> Literal(string command, IEnumerable<string> args) =>
        [.. new[] { command }.Concat(args).Select(a => new Word(a, Enumerable.Repeat(true, a.Length).ToArray()))];

    /// <summary>A word the shell reads as a script of its own: the one after -c, in a command of a shell or su.</summary>
    public static bool IsScriptWord(IReadOnlyList<Word> command, int index) =>
        index >= 2 && command[index - 1].Text == "-c"
        && command.Take(index - 1).Any(w => Path.GetFileName(w.Text) is "sh" or "ash" or "bash" or "dash" or "su");

    private void ParseList(char? closer)
    {
        var words = new List<Word>();
        var text = new StringBuilder();
        var quoted = new List<bool>();
        var inWord = false;

        void EndWord()
        {
            if (inWord)
            {
                words.Add(new Word(text.ToString(), [.. quoted]));
                text.Clear();
                quoted.Clear();
                inWord = false;
            }
        }
        void EndCommand()
        {
            EndWord();
            if (words.Count > 0)
            {
                commands.Add(words);
                words = [];
            }
        }
        void Add(char c, bool q)
        {
            text.Append(c);
            quoted.Add(q);
            inWord = true;
        }

        while (i < s.Length)
        {
            var c = s[i];
            if (closer == ')' && c == ')')
            {
                i++;
                EndCommand();
                return;
            }
            switch (c)
            {
                case ' ' or '\t':
                    EndWord();
                    i++;
                    break;
                case '\n' or ';' or '&' or '|' or '(' or ')':
                    EndCommand();
                    i++;
                    break;
                case '<' or '>':
                    EndWord();
                    i++;
                    break;
                case '#' when !inWord:
                    while (i < s.Length && s[i] != '\n')
                    {
                        i++;
                    }
                    break;
                case '\'':
                    inWord = true;
                    i++;
                    while (i < s.Length && s[i] != '\'')
                    {
                        Add(s[i++], true);
                    }
                    i++;
                    break;
                case '"':
                    inWord = true;
                    i++;
                    ReadDoubleQuoted(Add);
                    break;
                case '\\':
                    if (i + 1 < s.Length && s[i + 1] != '\n')
                    {
                        Add(s[i + 1], true);
                    }
                    i += 2;
                    break;
                case '$' when i + 1 < s.Length && s[i + 1] == '(':
                    i += 2;
                    ParseList(')');
                    Add('\0', false);
                    break;
                case '`':
                    Backquoted();
                    Add('\0', false);
                    break;
                default:
                    Add(c, false);
                    i++;
                    break;
            }
        }
        EndCommand();
    }

    private void ReadDoubleQuoted(Action<char, bool> add)
    {
        while (i < s.Length)
        {
            var c = s[i];
            switch (c)
            {
                case '"':
                    i++;
                    return;
                case '\\' when i + 1 < s.Length && s[i + 1] == '\n':
                    i += 2;
                    break;
                case '\\' when i + 1 < s.Length && s[i + 1] is '$' or '`' or '"' or '\\':
                    add(s[i + 1], true);
                    i += 2;
                    break;
                case '$' when i + 1 < s.Length && s[i + 1] == '(':
                    i += 2;
                    ParseList(')');
                    add('\0', false);
                    break;
                case '`':
                    Backquoted();
                    add('\0', false);
                    break;
                case '$':
                    add('$', false); // an expansion: what follows is the shell's to interpret
                    i++;
                    break;
                default:
                    add(c, true);
                    i++;
                    break;
            }
        }
    }

    /// <summary>`...`: the text up to the closing backquote, with \` \\ \$ unescaped, read as a script of its own.</summary>
    private void Backquoted()
    {
        i++;
        var inner = new StringBuilder();
        while (i < s.Length && s[i] != '`')
        {
            if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '`' or '\\' or '$')
            {
                i++;
            }
            inner.Append(s[i++]);
        }
        i++;
        foreach (var command in Commands(inner.ToString()))
        {
            commands.Add([.. command]);
        }
    }
}
