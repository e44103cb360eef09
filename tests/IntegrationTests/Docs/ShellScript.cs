using System.Text;
using System.Text.RegularExpressions;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// A bash script parsed, for the subset of bash the README's walk-throughs use: assignments (also with
/// <c>export</c>), one-line functions (<c>tok() { ...; }</c>), pipelines, <c>&lt;&lt;&lt;</c> here-strings, single and
/// double quotes, backslash line continuations, <c>$NAME</c>, <c>${NAME}</c>, <c>"$@"</c> and <c>$(...)</c>, and
/// comments. Anything else (redirections, <c>&amp;&amp;</c>, loops, globbing) is refused with the line it is on, so the
/// README stays inside what <see cref="ShellSession"/> can run.
/// </summary>
public sealed partial class ShellScript
{
    private readonly string _text;
    private int _position;
    private int _line;

    private ShellScript(string text, int firstLine)
    {
        _text = text.ReplaceLineEndings("\n");
        _line = firstLine;
    }

    public IReadOnlyList<Statement> Statements { get; private set; } = [];

    /// <param name="firstLine">The line of the README the script starts on, for messages.</param>
    public static ShellScript Parse(string text, int firstLine = 1)
    {
        var script = new ShellScript(text, firstLine);
        script.Statements = script.ParseList(Stop.End);
        return script;
    }

    /// <summary>A part of a word: text, a variable, or a command substitution.</summary>
    public abstract record Part;

    public sealed record Literal(string Text) : Part;

    /// <summary><c>$NAME</c>; <c>@</c> and digits are the function's arguments. Quoted: inside double quotes.</summary>
    public sealed record Variable(string Name, bool Quoted) : Part;

    public sealed record Substitution(IReadOnlyList<Statement> Statements) : Part;

    public sealed record Word(IReadOnlyList<Part> Parts);

    /// <summary>One command of a pipeline: its words, and the here-string it reads (<c>&lt;&lt;&lt; word</c>), if any.</summary>
    public sealed record Command(IReadOnlyList<Word> Words, Word? HereString);

    /// <summary>
    /// A statement, with the line it starts on and the comments that follow it (on its last line and on the lines
    /// after it, up to the next statement), where the README says what it answers (<c># -> ...</c>).
    /// </summary>
    public abstract record Statement(int Line)
    {
        public List<string> Comments { get; } = [];
    }

    public sealed record Assignment(int Line, string Name, Word Value) : Statement(Line);

    public sealed record FunctionDefinition(int Line, string Name, IReadOnlyList<Statement> Body) : Statement(Line);

    public sealed record Pipeline(int Line, IReadOnlyList<Command> Commands) : Statement(Line);

    private enum Stop
    {
        End,
        CloseParenthesis,
        CloseBrace,
    }

    [GeneratedRegex(@"\G(export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex AssignmentStart();

    [GeneratedRegex(@"\G([A-Za-z_][A-Za-z0-9_]*)\(\)[ \t]*\{")]
    private static partial Regex FunctionStart();

    [GeneratedRegex(@"\G[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Name();

    private bool AtEnd => _position >= _text.Length;

    private char Peek(int ahead = 0) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private char Next()
    {
        var c = _text[_position++];
        if (c == '\n')
        {
            _line++;
        }

        return c;
    }

    private FormatException Error(string message) => new($"README line {_line}: {message}");

    private List<Statement> ParseList(Stop stop)
    {
        var statements = new List<Statement>();
        while (true)
        {
            SkipBlanks();
            if (AtEnd)
            {
                return stop == Stop.End ? statements : throw Error(stop == Stop.CloseBrace ? "a function without its closing }" : "$( without its closing )");
            }

            var c = Peek();
            if (c is '\n' or ';')
            {
                Next();
                continue;
            }

            if (c == '#')
            {
                var comment = ReadComment();
                if (statements.Count > 0)
                {
                    statements[^1].Comments.Add(comment);
                }

                continue;
            }

            if ((c == ')' && stop == Stop.CloseParenthesis) || (c == '}' && stop == Stop.CloseBrace))
            {
                Next();
                return statements;
            }

            statements.Add(ParseStatement(stop));
        }
    }

    private Statement ParseStatement(Stop stop)
    {
        var line = _line;
        if (FunctionStart().Match(_text, _position) is { Success: true } function)
        {
            Advance(function.Length);
            return new FunctionDefinition(line, function.Groups[1].Value, ParseList(Stop.CloseBrace));
        }

        if (AssignmentStart().Match(_text, _position) is { Success: true } assignment)
        {
            Advance(assignment.Length);
            var value = AtWordEnd(stop) ? new Word([]) : ParseWord(stop);
            SkipBlanks();
            if (!AtWordEnd(stop))
            {
                throw Error($"only a plain assignment is supported ({assignment.Groups[2].Value}=value), not a command after it");
            }

            return new Assignment(line, assignment.Groups[2].Value, value);
        }

        var commands = new List<Command> { ParseCommand(stop) };
        while (Peek() == '|')
        {
            Next();
            SkipBlanks(newlines: true);
            commands.Add(ParseCommand(stop));
        }

        return new Pipeline(line, commands);
    }

    private Command ParseCommand(Stop stop)
    {
        var words = new List<Word>();
        Word? hereString = null;
        while (true)
        {
            SkipBlanks();
            if (AtWordEnd(stop) || Peek() == '|')
            {
                break;
            }

            if (Peek() == '<')
            {
                if (Peek(1) != '<' || Peek(2) != '<')
                {
                    throw Error("redirections are not supported, only <<< here-strings");
                }

                Advance(3);
                SkipBlanks();
                hereString = ParseWord(stop);
                continue;
            }

            if (Peek() is '>' or '&' or '(' or '`' or '{' or '}')
            {
                throw Error($"'{Peek()}' is outside the shell subset the README test runs");
            }

            words.Add(ParseWord(stop));
        }

        return words.Count > 0 ? new Command(words, hereString) : throw Error("an empty command");
    }

    /// <summary>Whether the current statement ends here: end of line or text, ';', a comment, or the closing of $( or a function.</summary>
    private bool AtWordEnd(Stop stop) =>
        AtEnd || Peek() is '\n' or ';' or '#' || (Peek() == ')' && stop == Stop.CloseParenthesis) || (Peek() == '}' && stop == Stop.CloseBrace);

    private Word ParseWord(Stop stop)
    {
        var parts = new List<Part>();
        var text = new StringBuilder();
        void Flush()
        {
            if (text.Length > 0)
            {
                parts.Add(new Literal(text.ToString()));
                text.Clear();
            }
        }

        while (!AtEnd)
        {
            var c = Peek();
            if (c is ' ' or '\t' or '\n' or ';' or '|' or '<' or '>' or '&' || (c == ')' && stop == Stop.CloseParenthesis))
            {
                break;
            }

            if (c == '}' && stop == Stop.CloseBrace && text.Length == 0 && parts.Count == 0)
            {
                break;
            }

            Next();
            switch (c)
            {
                case '\\':
                    if (AtEnd)
                    {
                        throw Error("a backslash at the end of the text");
                    }

                    var escaped = Next();
                    if (escaped != '\n')
                    {
                        text.Append(escaped);
                    }

                    break;
                case '\'':
                    var end = _text.IndexOf('\'', _position);
                    if (end < 0)
                    {
                        throw Error("a single quote without its end");
                    }

                    while (_position < end)
                    {
                        text.Append(Next());
                    }

                    Next();
                    break;
                case '"':
                    ParseDoubleQuoted(parts, text, Flush);
                    break;
                case '$':
                    ParseExpansion(parts, text, Flush, quoted: false);
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        Flush();
        return new Word(parts);
    }

    private void ParseDoubleQuoted(List<Part> parts, StringBuilder text, Action flush)
    {
        while (true)
        {
            if (AtEnd)
            {
                throw Error("a double quote without its end");
            }

            var c = Next();
            if (c == '"')
            {
                return;
            }

            if (c == '\\' && Peek() is '$' or '"' or '\\' or '`' or '\n')
            {
                var escaped = Next();
                if (escaped != '\n')
                {
                    text.Append(escaped);
                }
            }
            else if (c == '$')
            {
                ParseExpansion(parts, text, flush, quoted: true);
            }
            else if (c == '`')
            {
                throw Error("backquotes are outside the shell subset the README test runs: use $(...)");
            }
            else
            {
                text.Append(c);
            }
        }
    }

    /// <summary>After a '$': a command substitution, a variable, or a plain '$'.</summary>
    private void ParseExpansion(List<Part> parts, StringBuilder text, Action flush, bool quoted)
    {
        if (Peek() == '(')
        {
            Next();
            flush();
            parts.Add(new Substitution(ParseList(Stop.CloseParenthesis)));
            return;
        }

        string? name = null;
        if (Peek() == '{')
        {
            var close = _text.IndexOf('}', _position);
            name = close < 0 ? throw Error("${ without its }") : _text[(_position + 1)..close];
            Advance(close + 1 - _position);
        }
        else if (Peek() == '@' || char.IsAsciiDigit(Peek()))
        {
            name = Next().ToString();
        }
        else if (Name().Match(_text, _position) is { Success: true } match)
        {
            name = match.Value;
            Advance(match.Length);
        }

        if (name is null)
        {
            text.Append('$');
            return;
        }

        flush();
        parts.Add(new Variable(name, quoted));
    }

    private string ReadComment()
    {
        var end = _text.IndexOf('\n', _position);
        end = end < 0 ? _text.Length : end;
        var comment = _text[(_position + 1)..end];
        Advance(end - _position);
        return comment;
    }

    private void SkipBlanks(bool newlines = false)
    {
        while (!AtEnd)
        {
            if (Peek() is ' ' or '\t' || (newlines && Peek() == '\n'))
            {
                Next();
            }
            else if (Peek() == '\\' && Peek(1) == '\n')
            {
                Advance(2);
            }
            else
            {
                return;
            }
        }
    }

    private void Advance(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Next();
        }
    }
}
