using System.Text.Json;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>
/// One setting turns the console into JSON lines for a log shipper (Logging__Console__FormatterName=json): every
/// line is one JSON object with time, level, category and message, and none carries personal data, read as a
/// shipper reads it (decoded, so escapes cannot hide a value).
/// </summary>
public sealed class JsonLogTests
{
    private const string IdNumber = "036188004417";
    private const string Phone = "0987 654 321";
    private const string Email = "tran.thi.hoa@example.vn";
    private const string Address = "Số 27 ngõ 4 phố Kênh Liêm, phường Hồng Hải";

    [Fact]
    public async Task With_the_JSON_formatter_every_console_line_is_a_JSON_object_and_none_carries_personal_data()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = TestHost.NewDataDirectory(),
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
            ["Health__DrainDelay"] = "00:00:00",
        };
        string pin;
        string output;
        await using (var silo = await SiloProcess.StartAsync(environment, TimeSpan.FromSeconds(60)))
        {
            var request = Submit();
            request.Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = "Trần Thị Hoa", IdNumber = IdNumber, Phone = Phone, Email = Email, Address = Address };
            var submitted = await silo.Dossiers.SubmitDossierAsync(request);
            pin = submitted.LookupPin;
            var anonymous = new DossierService.DossierServiceClient(silo.Channel);
            await anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = submitted.ReceiptCode, LookupPin = pin });
            await anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = submitted.ReceiptCode, ApplicantIdNumber = IdNumber });
            var bad = request.Clone();
            bad.RequestId = "json-log-bad";
            bad.Applicant.Email = Email + "@@";
            await Assert.ThrowsAsync<RpcException>(() => silo.Dossiers.SubmitDossierAsync(bad).ResponseAsync);

            Assert.Equal(0, await silo.StopGracefullyAsync(TimeSpan.FromSeconds(60)));
            output = silo.Output;
        }

        var entries = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => (line, json: Parse(line)))
            .ToList();
        var notJson = entries.Where(e => e.json is null).Select(e => e.line).Take(3).ToList();
        Assert.True(notJson.Count == 0, "lines that are not JSON objects:\n" + string.Join("\n", notJson));
        var parsed = entries.Select(e => e.json!.Value).ToList();
        Assert.All(parsed, e =>
        {
            Assert.True(DateTimeOffset.TryParse(e.GetProperty("Timestamp").GetString(), out var at), "no timestamp");
            Assert.Equal(TimeSpan.Zero, at.Offset);
            Assert.False(string.IsNullOrEmpty(e.GetProperty("LogLevel").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("Category").GetString()));
            Assert.True(e.TryGetProperty("Message", out _));
        });
        Assert.Contains(parsed, e => e.GetProperty("Category").GetString() == "DossierTracking.Audit" && e.GetProperty("Message").GetString()!.Contains("basis=lookup-pin"));

        // Decoded: what a log store indexes.
        var text = string.Join("\n", parsed.SelectMany(Strings));
        foreach (var personal in new[] { IdNumber, Phone, Email, Address, pin })
        {
            Assert.DoesNotContain(personal, text);
        }
    }

    /// <summary>Every string in the entry, unescaped, and every number as written.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [element.GetRawText()],
    };

    private static JsonElement? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
