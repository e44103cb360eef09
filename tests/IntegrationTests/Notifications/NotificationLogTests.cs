using System.Collections.Concurrent;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Notifications;

/// <summary>
/// Sending a notification logs no personal data at any level: not the phone, the e-mail, the name or the ID number,
/// nor the message text; the development channel logs the message id and the recipient masked; the gateway's API key
/// is never logged.
/// </summary>
public sealed class NotificationLogTests
{
    private const string Phone = "0987 654 321";
    private const string Email = "tran.thi.hoa@example.vn";
    private const string Name = "Trần Thị Hoa";
    private const string IdNumber = "036188004417";

    private static SubmitDossierRequest Seeded()
    {
        var request = Submit();
        request.Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = Name, IdNumber = IdNumber, Phone = Phone, Email = Email };
        request.NotifyBy = NotifyBy.Sms;
        return request;
    }

    private static async Task<(ConcurrentQueue<string> Lines, string Code)> RunAsync(Dictionary<string, string?> settings)
    {
        var lines = new ConcurrentQueue<string>();
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft"] = "Trace";
        settings["Notifications:PollInterval"] = "00:00:00.100";
        string code;
        await using (var host = await TestHost.StartAsync(settings: settings,
            logging: logging => logging.AddProvider(new CapturingLoggerProvider(lines)).SetMinimumLevel(LogLevel.Trace)))
        {
            code = (await host.Dossiers.SubmitDossierAsync(Seeded())).ReceiptCode;
            var notifications = new NotificationService.NotificationServiceClient(host.Channel);
            var officer = TestTokens.Bearer(TestTokens.For(Roles.DeskOfficer, "mc-01", Centre));
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until
                && (await notifications.ListDossierNotificationsAsync(new ListDossierNotificationsRequest { ReceiptCode = code }, officer)).Notifications
                    .SingleOrDefault()?.State != NotificationState.Sent)
            {
                await Task.Delay(100);
            }
        }

        return (lines, code);
    }

    private static void AssertNothingPersonal(IEnumerable<string> lines, params string[] secrets)
    {
        foreach (var personal in new[] { Phone, Email, Name, IdNumber, "Hồ sơ " }.Concat(secrets))
        {
            var leaking = lines.Where(l => l.Contains(personal, StringComparison.Ordinal)).Select(l => l.Length > 300 ? l[..300] : l).Take(3).ToList();
            Assert.True(leaking.Count == 0, $"{personal} found in the log:\n" + string.Join("\n", leaking));
        }
    }

    [Fact]
    public async Task The_log_channel_logs_the_message_id_and_the_masked_recipient_only()
    {
        var (lines, code) = await RunAsync(new Dictionary<string, string?> { ["Notifications:Channel"] = "Log" });
        Assert.Contains(lines, l => l.Contains($"Notification {code}-1-Receipt (Receipt) sent by Sms to *******321", StringComparison.Ordinal));
        AssertNothingPersonal(lines);
    }

    [Fact]
    public async Task The_http_channel_logs_neither_the_message_nor_the_api_key()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        var (lines, code) = await RunAsync(gateway.Settings());
        Assert.Single(gateway.Accepted, m => m.ReceiptCode == code);
        Assert.True(lines.Count > 100, $"only {lines.Count} log lines captured");
        AssertNothingPersonal(lines, NotificationGateway.ApiKey);
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {state} {exception}");
        }
    }
}
