using Xunit.Abstractions;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// The README's examples run as written, so they cannot drift from the API: every grpcurl and curl block, grouped into
/// walk-throughs (<see cref="ReadmeWalkthroughs"/>), each from a fresh start after the README's set-up block, against
/// a silo started as <c>dotnet run</c> starts it. Each command must succeed, or fail exactly where the README says it
/// fails, and show the fields its <c># -&gt;</c> comment names.
/// </summary>
public sealed class ReadmeWalkthroughTests(ReadmeHostFixture fixture, ITestOutputHelper output) : IClassFixture<ReadmeHostFixture>
{
    public static TheoryData<int> Walkthroughs()
    {
        var data = new TheoryData<int>();
        foreach (var walkthrough in ReadmeWalkthroughs.Load(ReadmeWalkthroughs.ReadmePath()).All)
        {
            data.Add(walkthrough.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Walkthroughs))]
    public async Task A_README_walkthrough_runs_as_written(int line)
    {
        Assert.True(fixture.SetupFailures.Count == 0, "The README's set-up block failed:\n" + string.Join('\n', fixture.SetupFailures.Concat(fixture.SetupLog)));
        var walkthrough = fixture.Readme.All.Single(w => w.Line == line);
        var session = fixture.Setup.Fork();
        var runner = new WalkthroughRunner(session, output.WriteLine);

        await runner.RunAsync(walkthrough.Blocks);

        output.WriteLine($"{walkthrough}: {runner.Ran} statements run ({session.GrpcurlCalls} grpcurl calls, {session.CurlCalls} curl calls), {runner.Skipped} skipped");
        Assert.True(runner.Failures.Count == 0, string.Join('\n', runner.Failures));
        Assert.True(session.GrpcurlCalls + session.CurlCalls > 0, $"{walkthrough} called nothing");
    }

    [Fact]
    public void The_README_has_its_set_up_block_and_its_walkthroughs()
    {
        Assert.Contains("tok()", fixture.Readme.Setup.Text, StringComparison.Ordinal);
        Assert.True(fixture.Readme.All.Count >= 5, $"only {fixture.Readme.All.Count} walk-throughs found in README.md");
    }

    /// <summary>The checker itself: a broken command, a wrong status and a wrong field are each reported.</summary>
    [Theory]
    [InlineData("""grpcurl -plaintext -H "$AS_DESK" -d "{\"receipt_code\": \"$CODE\"}" 127.0.0.1:5000 dvc.v1.DossierService/ForwardDossier""", "FAILED_PRECONDITION")]
    [InlineData("grpcurl -plaintext -H \"$AS_DESK\" -d \"{\\\"receipt_code\\\": \\\"$CODE\\\"}\" 127.0.0.1:5000 dvc.v1.DossierService/ForwardDossier\n# -> FAILED_PRECONDITION: not accepted yet", null)]
    [InlineData("grpcurl -plaintext -H \"$AS_DESK\" -d \"{\\\"receipt_code\\\": \\\"$CODE\\\"}\" 127.0.0.1:5000 dvc.v1.DossierService/AcceptDossier\n# -> NOT_FOUND", "succeeded, the README says it fails with NOT_FOUND")]
    [InlineData("grpcurl -plaintext -H \"$AS_DESK\" -d \"{\\\"receipt_code\\\": \\\"$CODE\\\"}\" 127.0.0.1:5000 dvc.v1.DossierService/AcceptDossier\n# -> \"state\": \"DOSSIER_STATE_IN_PROCESSING\"", "the reply has no \"state\": \"DOSSIER_STATE_IN_PROCESSING\"")]
    [InlineData("""grpcurl -plaintext -H "$AS_DESK" -d "{\"receipt_code\": \"$CODE\"}" 127.0.0.1:5000 dvc.v1.DossierService/AcceptDossier   # -> "state": "DOSSIER_STATE_RECEIVED" """, null)]
    [InlineData("""grpcurl -plaintext -d "{\"receipt_code\": \"$OTHER_CODE\"}" 127.0.0.1:5000 dvc.v1.DossierService/GetDossier""", "$OTHER_CODE is used but was never set")]
    [InlineData("""grpcurl -plaintext -d "{\"receipt_code\": \"$CODE\", \"pin\": \"1\"}" 127.0.0.1:5000 dvc.v1.DossierService/GetDossier""", "is not a dvc.v1.GetDossierRequest")]
    [InlineData("""grpcurl -plaintext -d '{}' 127.0.0.1:5000 dvc.v1.DossierService/LookUp""", "no unary or server-streaming method")]
    [InlineData("""grpcurl -plaintext -H "$AS_PORTAL" -d "{\"receipt_code\": \"$CODE\"}" 127.0.0.1:5000 dvc.v1.DossierService/GetDossier | jq -r .lookupPin""", null)]
    [InlineData("""wget -qO- http://127.0.0.1:5001/healthz""", "outside the commands the README test runs")]
    [InlineData("""curl -sS -H "$AS_DESK" -H 'content-type: application/json' -d "{\"requestId\": \"$CODE-f\"}" http://127.0.0.1:5001/v1/dossiers/$CODE:forward""", "failed with FAILED_PRECONDITION")]
    [InlineData("curl -sS -H \"$AS_DESK\" -H 'content-type: application/json' -d \"{\\\"requestId\\\": \\\"$CODE-a\\\"}\" http://127.0.0.1:5001/v1/dossiers/$CODE:accept\n# -> \"state\": \"DOSSIER_STATE_RECEIVED\"", null)]
    [InlineData("""curl -sS -H "$AS_DESK" -d "{\"requestId\": \"$CODE-a\"}" http://127.0.0.1:5001/v1/dossiers/$CODE:accept""", "failed with INVALID_ARGUMENT")]
    [InlineData("""curl -sS http://127.0.0.1:5000/v1/procedures""", "a URL on the silo's HTTP port")]
    public async Task The_checker_reports_a_command_that_does_not_do_what_the_README_says(string command, string? failure)
    {
        var session = fixture.Setup.Fork();
        var runner = new WalkthroughRunner(session, output.WriteLine);
        var submit = """
            CODE=$(grpcurl -plaintext -H "$AS_PORTAL" -d "{\"request_id\": \"checker-$(date +%s%N)\", \"procedure_code\": \"1.003205\",
              \"receiving_desk_code\": \"H49.50\", \"applicant\": {\"kind\": \"APPLICANT_KIND_CITIZEN\", \"full_name\": \"Nguyễn Văn An\",
              \"id_number\": \"022090001234\"}}" 127.0.0.1:5000 dvc.v1.DossierService/SubmitDossier | jq -r .receiptCode)
            """;

        await runner.RunAsync([new ReadmeWalkthroughs.Block(1, "checker", submit + "\n" + command)]);

        if (failure is null)
        {
            Assert.Empty(runner.Failures);
        }
        else
        {
            Assert.Contains(failure, Assert.Single(runner.Failures), StringComparison.Ordinal);
        }
    }
}
