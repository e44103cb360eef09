using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// grpcurl, for the options the README uses: <c>-plaintext</c>, <c>-H 'name: value'</c> (repeated), <c>-d JSON</c>,
/// the address, then <c>list</c> (through the server's reflection, as grpcurl does) or a method as
/// <c>package.Service/Method</c>. The request JSON is read and the reply written with the .proto descriptors of the
/// generated code (Google.Protobuf's JsonParser and JsonFormatter: field names as in the .proto or in lowerCamelCase,
/// enums by name, 64-bit integers as strings, default values left out, as grpcurl prints them). An unknown option,
/// service, method or field is an error, as it is for grpcurl.
/// </summary>
public static class GrpcurlCommand
{
    /// <summary>The address every README command names; it stands for the host under test.</summary>
    public const string Address = "127.0.0.1:5000";

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);
    private static readonly Lazy<IReadOnlyDictionary<string, ServiceDescriptor>> Services = new(FindServices);

    /// <summary>Calls the method; returns the reply messages as JSON. A failed call throws its <see cref="RpcException"/>.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(GrpcChannel channel, IReadOnlyList<string> args, int line)
    {
        var (plaintext, headers, data) = (false, new Metadata(), (string?)null);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-plaintext":
                    plaintext = true;
                    break;
                case "-H" when i + 1 < args.Count:
                    var header = args[++i];
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0)
                    {
                        throw new ShellException(line, $"grpcurl -H wants 'name: value', not '{header}'");
                    }

                    headers.Add(header[..colon].Trim().ToLowerInvariant(), header[(colon + 1)..].Trim());
                    break;
                case "-d" when i + 1 < args.Count:
                    data = args[++i];
                    break;
                case var option when option.StartsWith('-'):
                    throw new ShellException(line, $"grpcurl option {option} is outside what the README test supports (-plaintext, -H, -d)");
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        if (!plaintext)
        {
            throw new ShellException(line, "grpcurl without -plaintext would try TLS, which a silo on loopback does not speak unless given a certificate");
        }

        if (positional is not [Address, var target])
        {
            throw new ShellException(line, $"grpcurl wants the address {Address} and one method (or list), got: {string.Join(' ', positional)}");
        }

        return target == "list" ? [await ListAsync(channel)] : await CallAsync(channel, target, headers, data, line);
    }

    private static async Task<IReadOnlyList<string>> CallAsync(GrpcChannel channel, string target, Metadata headers, string? data, int line)
    {
        var slash = target.LastIndexOf('/');
        var (serviceName, methodName) = slash > 0 ? (target[..slash], target[(slash + 1)..]) : (target, "");
        var method = Services.Value.TryGetValue(serviceName, out var service) ? service.FindMethodByName(methodName) : null;
        if (method is null || method.IsClientStreaming)
        {
            throw new ShellException(line, $"grpcurl: no unary or server-streaming method '{target}' in the API's .proto files");
        }

        IMessage request;
        try
        {
            request = data is null ? method.InputType.Parser.ParseFrom(ByteString.Empty) : Parser.Parse(data, method.InputType);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ShellException(line, $"grpcurl: the -d JSON is not a {method.InputType.FullName}: {e.Message}\n{data}");
        }

        var call = new Method<IMessage, IMessage>(method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary, service!.FullName, method.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), _ => throw new NotSupportedException()),
            Marshallers.Create<IMessage>(_ => throw new NotSupportedException(), bytes => method.OutputType.Parser.ParseFrom(bytes)));
        var options = new CallOptions(headers, DateTime.UtcNow + CallTimeout);
        var invoker = channel.CreateCallInvoker();
        if (!method.IsServerStreaming)
        {
            return [JsonFormatter.Default.Format(await invoker.AsyncUnaryCall(call, null, options, request))];
        }

        using var stream = invoker.AsyncServerStreamingCall(call, null, options, request);
        var replies = new List<string>();
        await foreach (var reply in stream.ResponseStream.ReadAllAsync())
        {
            replies.Add(JsonFormatter.Default.Format(reply));
        }

        return replies;
    }

    /// <summary>The service names the server's reflection lists, one a line, sorted (grpcurl's <c>list</c>).</summary>
    private static async Task<string> ListAsync(GrpcChannel channel)
    {
        var reflection = new ServerReflection.ServerReflectionClient(channel);
        using var call = reflection.ServerReflectionInfo(deadline: DateTime.UtcNow + CallTimeout);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        var names = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            if (response.ErrorResponse is { } error)
            {
                throw new RpcException(new Status((StatusCode)error.ErrorCode, error.ErrorMessage));
            }

            names.AddRange(response.ListServicesResponse.Service.Select(s => s.Name));
        }

        return string.Join('\n', names.Order(StringComparer.Ordinal));
    }

    /// <summary>Every service of the generated API code (each .proto file's *Reflection class), and the health service.</summary>
    private static IReadOnlyDictionary<string, ServiceDescriptor> FindServices()
    {
        var files = typeof(GrpcApi.V1.DossierService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .Append(Grpc.Health.V1.HealthReflection.Descriptor);
        return files.SelectMany(f => f.Services).ToDictionary(s => s.FullName);
    }
}
