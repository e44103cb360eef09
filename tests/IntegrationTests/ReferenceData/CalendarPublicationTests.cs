using DossierTracking.Domain.Calendar;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Storage;
using DossierTracking.Tools;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.ReferenceData.ReferenceDataSupport;

namespace DossierTracking.IntegrationTests.ReferenceData;

/// <summary>
/// Next year's holidays published from a file, through the RPC and through the operator command, without a rebuild or
/// restart: a dossier whose clock starts after the publication is due after the new days off; one whose due date was
/// computed before keeps it. A bad file is refused, naming what is wrong, and changes nothing.
/// </summary>
public sealed class CalendarPublicationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(LateDecember2027);
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(clock: _clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Holidays_published_through_the_RPC_move_the_due_dates_computed_after_it_only()
    {
        var client = Client(_host);
        var before = await SubmitAsync(_host);
        var submittedBefore = await SubmitAsync(_host, accept: false);
        Assert.Equal(DueWithout2028, DueOf(before));

        var published = await client.PublishReferenceDataAsync(
            new PublishReferenceDataRequest { Kind = "calendar", Content = CalendarWith2028(), ExpectedCurrentVersion = 1 }, AsAdmin);

        Assert.Equal(("calendar", 2L, Admin), (published.Kind, published.Version, published.PublishedBy));
        Assert.Equal(DueWith2028, DueOf(await SubmitAsync(_host)));
        // Created before, but its clock starts now: the calendar in force now counts.
        Assert.Equal(DueWith2028, DueOf(await AcceptAsync(_host, submittedBefore.ReceiptCode)));
        // Its due date was computed before: it stays.
        Assert.Equal(DueWithout2028, DueOf(await GetAsync(_host, before.ReceiptCode)));

        var versions = await client.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "calendar" }, AsAdmin);
        Assert.Equal([2L, 1L], versions.Versions.Select(v => v.Version));
        Assert.Equal(2, versions.InForceVersion);
        Assert.Equal("seed", versions.Versions[1].PublishedBy);
        var seed = await client.GetReferenceDataAsync(new GetReferenceDataRequest { Kind = "calendar", Version = 1 }, AsAdmin);
        Assert.Equal(HolidayCalendarData.EmbeddedText(), seed.Content);
        var newest = await client.GetReferenceDataAsync(new GetReferenceDataRequest { Kind = "calendar" }, AsAdmin);
        Assert.Equal((2L, CalendarWith2028(), published.Sha256), (newest.Version.Version, newest.Content, newest.Version.Sha256));
    }

    [Fact]
    public async Task Holidays_published_with_the_operator_command_are_in_force_and_the_same_file_again_publishes_nothing()
    {
        var folder = TestHost.NewDataDirectory();
        var file = Path.Combine(folder, "vn-public-holidays-2028.json");
        await File.WriteAllTextAsync(file, CalendarWith2028());
        var tokenFile = Path.Combine(folder, "admin.jwt");
        await File.WriteAllTextAsync(tokenFile, TestTokens.For(Roles.Administrator, Admin));

        var (exit, output, error) = await RunAsync("reference", "publish", "--kind", "calendar", "--file", file, "--token-file", tokenFile);
        Assert.True(exit == 0, error);
        Assert.Contains("Published calendar version 2", output);
        Assert.Equal(DueWith2028, DueOf(await SubmitAsync(_host)));

        (exit, output, error) = await RunAsync("reference", "publish", "--kind", "calendar", "--file", file, "--token-file", tokenFile);
        Assert.True(exit == 0, error);
        Assert.Contains("nothing published", output);

        var copy = Path.Combine(folder, "in-force.json");
        (exit, output, error) = await RunAsync("reference", "show", "--kind", "calendar", "--out", copy, "--token-file", tokenFile);
        Assert.True(exit == 0, error);
        Assert.Matches(@"\n\s+2\s.*qtv-01.*\(in force\)", output);
        Assert.Matches(@"\n\s+1\s.*seed", output);
        Assert.Equal(CalendarWith2028(), await File.ReadAllTextAsync(copy));
    }

    [Fact]
    public async Task A_bad_file_is_refused_naming_what_is_wrong_and_changes_nothing()
    {
        var client = Client(_host);
        var refusal = await Assert.ThrowsAsync<RpcException>(() => client.PublishReferenceDataAsync(
            new PublishReferenceDataRequest { Kind = "calendar", Content = CalendarWithAWeekdayMadeUp(), ExpectedCurrentVersion = 1 }, AsAdmin).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refusal.StatusCode);
        Assert.Contains("make-up working day 2028-01-04 is a Tuesday", refusal.Status.Detail);
        Assert.Equal("content", refusal.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        Assert.Equal("INVALID_REFERENCE_DATA", refusal.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);

        var folder = TestHost.NewDataDirectory();
        var truncated = Path.Combine(folder, "truncated.json");
        await File.WriteAllTextAsync(truncated, CalendarWith2028()[..5000]);
        var tokenFile = Path.Combine(folder, "admin.jwt");
        await File.WriteAllTextAsync(tokenFile, TestTokens.For(Roles.Administrator, Admin));
        var (exit, _, error) = await RunAsync("reference", "publish", "--kind", "calendar", "--file", truncated, "--token-file", tokenFile);
        Assert.Equal(1, exit);
        Assert.Contains("Not published", error);
        Assert.Contains("not a holiday calendar file", error);

        var versions = await client.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "calendar" }, AsAdmin);
        Assert.Equal([1L], versions.Versions.Select(v => v.Version));
        Assert.Equal(1, versions.InForceVersion);
        Assert.Equal(DueWithout2028, DueOf(await SubmitAsync(_host)));
    }

    [Fact]
    public async Task A_publication_over_a_version_someone_else_replaced_is_aborted_and_a_lost_answer_can_be_retried()
    {
        var client = Client(_host);
        var first = await client.PublishReferenceDataAsync(
            new PublishReferenceDataRequest { Kind = "calendar", Content = CalendarWith2028(), ExpectedCurrentVersion = 1 }, AsAdmin);

        // The same request again (its first answer lost): the version it made, no second one.
        var retried = await client.PublishReferenceDataAsync(
            new PublishReferenceDataRequest { Kind = "calendar", Content = CalendarWith2028(), ExpectedCurrentVersion = 1 }, AsAdmin);
        Assert.Equal((first.Version, first.PublishedAt), (retried.Version, retried.PublishedAt));

        var conflict = await Assert.ThrowsAsync<RpcException>(() => client.PublishReferenceDataAsync(
            new PublishReferenceDataRequest { Kind = "calendar", Content = HolidayCalendarData.EmbeddedText() + "\n", ExpectedCurrentVersion = 1 }, AsAdmin).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, conflict.StatusCode);
        Assert.Equal("VERSION_MISMATCH", conflict.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Contains("at version 2", conflict.Status.Detail);

        var versions = await client.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "calendar" }, AsAdmin);
        Assert.Equal([2L, 1L], versions.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task Only_an_administrator_publishes_supervisors_read_and_every_publication_is_audited()
    {
        var client = Client(_host);
        var request = new PublishReferenceDataRequest { Kind = "calendar", Content = CalendarWith2028(), ExpectedCurrentVersion = 1 };
        foreach (var (role, agency) in new[] { (Roles.Supervisor, ""), (Roles.DeskOfficer, Requests.Centre), (Roles.Operator, "") })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => client.PublishReferenceDataAsync(request, As(role, "x-1", agency)).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        }

        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => client.PublishReferenceDataAsync(request).ResponseAsync)).StatusCode);
        var deskRead = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog" }, As(Roles.DeskOfficer, "mc-01", Requests.Centre)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, deskRead.StatusCode);
        Assert.Equal(1, (await client.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog" }, As(Roles.Supervisor, "sv-1"))).InForceVersion);
        var unknownKind = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetReferenceDataAsync(new GetReferenceDataRequest { Kind = "holidays" }, AsAdmin).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "kind"), (unknownKind.StatusCode, unknownKind.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field));
        var unknownVersion = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetReferenceDataAsync(new GetReferenceDataRequest { Kind = "calendar", Version = 9 }, AsAdmin).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknownVersion.StatusCode);

        await client.PublishReferenceDataAsync(request, AsAdmin);
        Assert.Equal(1, (await client.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "calendar" }, AsAdmin)).Versions.Count(v => v.Version == 2));

        var audited = await EventuallyAsync(() => PublicationsAuditedAsync(), rows => rows.Count >= 5);
        Assert.Contains(("admin", Admin, "OK"), audited);
        Assert.Contains(("supervisor", "x-1", "PERMISSION_DENIED"), audited);
        Assert.Contains(("anonymous", "", "UNAUTHENTICATED"), audited);
    }

    private async Task<List<(string Role, string Subject, string Outcome)>> PublicationsAuditedAsync()
    {
        await using var connection = await _host.Services.GetRequiredService<StorageConnections>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, subject, outcome FROM dvc_audit WHERE method = '/dvc.v1.ReferenceDataService/PublishReferenceData';";
        var rows = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var environment = new OperatorEnvironment
        {
            IsDevelopment = false,
            IssueToken = _ => throw new InvalidOperationException("The command must use the token file."),
            MaxTokenLifetime = TimeSpan.FromHours(12),
            DefaultTarget = _host.Channel.Target.StartsWith("http", StringComparison.Ordinal) ? _host.Channel.Target : "http://" + _host.Channel.Target,
        };
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await OperatorCli.RunAsync(args, environment, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
