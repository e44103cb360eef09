using System.Text;
using Grpc.Net.Client;
using static DossierTracking.IntegrationTests.Docs.ShellScript;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// Runs <see cref="ShellScript"/> statements as bash would, with the commands the README uses built in:
/// <c>grpcurl</c> (<see cref="GrpcurlCommand"/>, against the host under test), <c>curl</c> (<see cref="CurlCommand"/>,
/// against its HTTP port), <c>jq -r PATH</c>
/// (<see cref="JqFilter"/>), <c>date</c> (<see cref="DateCommand"/>), <c>tail -1</c>, <c>echo</c>, and
/// <c>dotnet run [--no-build] --project src/Silo -- ...</c> (the silo's own sub-commands, run by the caller's delegate). Variables
/// are strict: using one that was never set is an error, as under <c>set -u</c>. Unquoted expansions are not split
/// into words (the README quotes every expansion that could hold spaces).
/// </summary>
public sealed class ShellSession
{
    private readonly GrpcChannel _channel;
    private readonly Uri? _http;
    private readonly Func<IReadOnlyList<string>, Task<string>> _siloCommand;
    private readonly Dictionary<string, string> _variables = [];
    private readonly Dictionary<string, FunctionDefinition> _functions = [];

    /// <param name="channel">Where <c>grpcurl ... 127.0.0.1:5000 ...</c> goes.</param>
    /// <param name="siloCommand">Runs <c>dotnet run --project src/Silo -- args</c> and returns its standard output.</param>
    /// <param name="http">Where <c>curl http://127.0.0.1:5001/...</c> goes.</param>
    public ShellSession(GrpcChannel channel, Func<IReadOnlyList<string>, Task<string>> siloCommand, Uri? http = null)
    {
        _channel = channel;
        _siloCommand = siloCommand;
        _http = http;
    }

    /// <summary>The replies (one JSON text per message) of every grpcurl and curl call since <see cref="ClearReplies"/>.</summary>
    public List<string> Replies { get; } = [];

    /// <summary>How many grpcurl calls this session made.</summary>
    public int GrpcurlCalls { get; private set; }

    /// <summary>How many curl calls this session made.</summary>
    public int CurlCalls { get; private set; }

    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>A new session with this one's variables and functions: a walk-through starting after the set-up block.</summary>
    public ShellSession Fork()
    {
        var fork = new ShellSession(_channel, _siloCommand, _http);
        foreach (var (name, value) in _variables)
        {
            fork._variables[name] = value;
        }

        foreach (var (name, function) in _functions)
        {
            fork._functions[name] = function;
        }

        return fork;
    }

    public void ClearReplies() => Replies.Clear();

    /// <summary>Runs one statement; returns what it printed. An RPC that fails throws its <see cref="Grpc.Core.RpcException"/>.</summary>
    public Task<string> RunAsync(Statement statement) => RunStatementAsync(statement, []);

    private async Task<string> RunStatementAsync(Statement statement, IReadOnlyList<string> args)
    {
        switch (statement)
        {
            case Assignment assignment:
                _variables[assignment.Name] = await ExpandAsync(assignment.Value, args, statement.Line);
                return "";
            case FunctionDefinition function:
                _functions[function.Name] = function;
                return "";
            case Pipeline pipeline:
                string? output = null;
                foreach (var command in pipeline.Commands)
                {
                    output = await RunCommandAsync(command, output, args, statement.Line);
                }

                return output!;
            default:
                throw new ShellException(statement.Line, $"unknown statement {statement.GetType().Name}");
        }
    }

    private async Task<string> RunCommandAsync(Command command, string? input, IReadOnlyList<string> args, int line)
    {
        var words = new List<string>();
        foreach (var word in command.Words)
        {
            words.AddRange(await ExpandWordsAsync(word, args, line));
        }

        if (command.HereString is { } hereString)
        {
            input = await ExpandAsync(hereString, args, line) + "\n";
        }

        var (name, rest) = (words[0], words.Skip(1).ToList());
        if (_functions.TryGetValue(name, out var function))
        {
            var output = new StringBuilder();
            foreach (var statement in function.Body)
            {
                output.Append(await RunStatementAsync(statement, rest));
            }

            return output.ToString();
        }

        switch (name)
        {
            case "grpcurl":
                GrpcurlCalls++;
                var messages = await GrpcurlCommand.RunAsync(_channel, rest, line);
                Replies.AddRange(messages);
                return string.Concat(messages.Select(m => m + "\n"));
            case "curl":
                CurlCalls++;
                var bodies = await CurlCommand.RunAsync(_http ?? throw new ShellException(line, "curl: this session has no HTTP port"), rest, line);
                Replies.AddRange(bodies);
                return string.Concat(bodies.Select(b => b + "\n"));
            case "jq":
                return JqFilter.Run(rest, input ?? throw new ShellException(line, "jq without input (pipe a reply into it, or give it <<<\"$VAR\")"), line);
            case "date":
                return DateCommand.Run(rest, line) + "\n";
            case "echo":
                return string.Join(' ', rest) + "\n";
            case "tail" when rest is ["-1"] or ["-n", "1"]:
                var lines = (input ?? "").TrimEnd('\n').Split('\n');
                return lines[^1] + "\n";
            case "dotnet" when SiloArgs(rest) is { } siloArgs:
                return await _siloCommand(siloArgs);
            default:
                throw new ShellException(line, $"'{string.Join(' ', words.Take(3))}' is outside the commands the README test runs (grpcurl, curl, jq -r, date, tail -1, echo, dotnet run [--no-build] --project src/Silo -- ...)");
        }
    }

    /// <summary>The arguments after <c>--</c> of <c>dotnet run [--no-build] --project src/Silo -- ...</c>, or null for another dotnet command.</summary>
    private static IReadOnlyList<string>? SiloArgs(List<string> args) =>
        (args is ["run", "--no-build", ..] ? ["run", .. args.Skip(2)] : args) is ["run", "--project", "src/Silo", "--", .. var siloArgs] ? siloArgs : null;

    /// <summary>A word's expansion; <c>"$@"</c> alone expands to one word per argument.</summary>
    private async Task<IReadOnlyList<string>> ExpandWordsAsync(Word word, IReadOnlyList<string> args, int line) =>
        word.Parts is [Variable { Name: "@" }] ? args : [await ExpandAsync(word, args, line)];

    private async Task<string> ExpandAsync(Word word, IReadOnlyList<string> args, int line)
    {
        var text = new StringBuilder();
        foreach (var part in word.Parts)
        {
            switch (part)
            {
                case Literal literal:
                    text.Append(literal.Text);
                    break;
                case Variable { Name: "@" }:
                    text.AppendJoin(' ', args);
                    break;
                case Variable { Name: var digits } when int.TryParse(digits, out var index):
                    text.Append(index >= 1 && index <= args.Count ? args[index - 1] : "");
                    break;
                case Variable variable:
                    text.Append(_variables.TryGetValue(variable.Name, out var value) ? value
                        : throw new ShellException(line, $"${variable.Name} is used but was never set (each walk-through must set what it uses, from a fresh start)"));
                    break;
                case Substitution substitution:
                    var output = new StringBuilder();
                    foreach (var statement in substitution.Statements)
                    {
                        output.Append(await RunStatementAsync(statement, args));
                    }

                    // As in bash, a command substitution drops the output's trailing newlines.
                    text.Append(output.ToString().TrimEnd('\n'));
                    break;
            }
        }

        return text.ToString();
    }
}
