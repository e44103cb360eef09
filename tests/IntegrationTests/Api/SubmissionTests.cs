using System.Collections.Concurrent;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Api;

public sealed class SubmissionTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task A_retried_submission_returns_the_same_receipt_code()
    {
        var request = Submit();
        var first = await _host.Dossiers.SubmitDossierAsync(request);
        var retry = await _host.Dossiers.SubmitDossierAsync(request);
        Assert.Equal(first.ReceiptCode, retry.ReceiptCode);
        Assert.Equal(1, retry.Version);
    }

    [Fact]
    public async Task Reusing_a_request_id_for_a_different_dossier_is_refused()
    {
        var request = Submit();
        await _host.Dossiers.SubmitDossierAsync(request);
        var other = request.Clone();
        other.Applicant.IdNumber = "022090009999";
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _host.Dossiers.SubmitDossierAsync(other));
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task A_thousand_concurrent_submissions_at_one_desk_get_a_thousand_distinct_well_formed_codes()
    {
        var codes = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            var dossier = await _host.Dossiers.SubmitDossierAsync(Submit($"burst-{i}-{Guid.NewGuid():N}"));
            codes.Add(dossier.ReceiptCode);
        }));

        Assert.Equal(1000, codes.Count);
        Assert.Equal(1000, codes.Distinct().Count());
        Assert.All(codes, code =>
        {
            Assert.True(ReceiptCode.TryParse(code, out var unit, out var date, out var sequence), code);
            Assert.Equal(Centre, unit);
            Assert.Equal(new DateOnly(2020, 10, 19), date);
            Assert.InRange(sequence, 1, 100_000);
        });
    }

    [Fact]
    public async Task Concurrent_retries_of_one_request_create_one_dossier()
    {
        var request = Submit();
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => await _host.Dossiers.SubmitDossierAsync(request)));
        Assert.Single(replies.Select(r => r.ReceiptCode).Distinct());
    }
}
