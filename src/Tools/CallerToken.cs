using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace DossierTracking.Tools;

/// <summary>
/// The token a command calls the silo with: read from the file named by <c>--token-file</c>, else from the environment
/// variable <c>DVC_TOKEN</c>, else, on a development machine, a short token signed for the role the command needs.
/// Never from the command line itself, where every user of the machine could read it (ps).
/// </summary>
public static class CallerToken
{
    public const string Variable = "DVC_TOKEN";

    /// <summary>The token, or null with the reason in <paramref name="problem"/>.</summary>
    public static string? Resolve(FileInfo? file, string role, string subject, OperatorEnvironment environment, out string problem)
    {
        problem = "";
        if (file is not null)
        {
            if (!file.Exists)
            {
                problem = $"--token-file {file.FullName} does not exist.";
                return null;
            }

            var token = File.ReadAllText(file.FullName).Trim();
            if (token.Length == 0)
            {
                problem = $"--token-file {file.FullName} is empty.";
                return null;
            }

            return token;
        }

        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment.Trim();
        }

        if (environment.IsDevelopment)
        {
            return environment.IssueToken(new TokenRequest(role, subject, "", "", TimeSpan.FromMinutes(30)));
        }

        problem = $"Give a token with the '{role}' role: in the environment variable {Variable}, or in a file named by --token-file.";
        return null;
    }

    /// <summary>A call invoker that sends the token with every call.</summary>
    public static CallInvoker WithToken(GrpcChannel channel, string token) =>
        channel.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });
}
