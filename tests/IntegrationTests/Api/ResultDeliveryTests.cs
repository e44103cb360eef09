using System.Security.Cryptography;
using System.Text;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Api;

/// <summary>Level 4 results: the delivery method chosen at submission, and a result returned online with its document's hash.</summary>
public sealed class ResultDeliveryTests
{
    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 9, 0));

    [Fact]
    public async Task A_level_4_dossier_asks_for_its_result_online_and_the_return_records_the_documents_hash()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var api = host.Dossiers;
        var request = Submit(); // 1.003205 is a level 4 procedure
        request.DeliveryMethod = ReturnMethod.Online;
        var submitted = await api.SubmitDossierAsync(request);
        Assert.Equal(ReturnMethod.Online, submitted.DeliveryMethod);
        Assert.Equal(submitted.ReceiptCode, (await api.SubmitDossierAsync(request)).ReceiptCode); // a retry is still the same dossier

        var code = submitted.ReceiptCode;
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-2020-77" });

        var noHash = await Assert.ThrowsAsync<RpcException>(() => api.ReturnResultAsync(new ReturnResultRequest
        {
            ReceiptCode = code, Actor = Desk(), Method = ReturnMethod.Online,
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noHash.StatusCode);
        Assert.Contains("document_hash", noHash.Status.Detail);

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("GPXD-2020-77.pdf")));
        var returned = await api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Actor = Desk(), Method = ReturnMethod.Online, DocumentHash = hash });
        Assert.Equal(DossierState.ResultReturned, returned.State);
        Assert.Equal(ReturnMethod.Online, returned.ReturnMethod);
        Assert.Equal("GPXD-2020-77", returned.ResultDocumentRef);
        Assert.Equal(hash.ToLowerInvariant(), returned.ResultDocumentHash);
    }

    [Fact]
    public async Task Delivery_by_post_needs_an_address_and_a_level_4_procedure()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var api = host.Dossiers;

        var noAddress = Submit();
        noAddress.DeliveryMethod = ReturnMethod.Post;
        var refused = await Assert.ThrowsAsync<RpcException>(() => api.SubmitDossierAsync(noAddress).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("address", refused.Status.Detail);

        var level3 = Submit(procedure: LandChange);
        var procedure = await host.Catalog.GetProcedureAsync(new GetProcedureRequest { Code = LandChange });
        Assert.True(procedure.ServiceLevel < 4, "the test needs a procedure below level 4");
        level3.DeliveryMethod = ReturnMethod.Post;
        level3.DeliveryAddress = "Số 5 Lê Thánh Tông, Hạ Long";
        var notLevel4 = await Assert.ThrowsAsync<RpcException>(() => api.SubmitDossierAsync(level3).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, notLevel4.StatusCode);
        Assert.Contains("level", notLevel4.Status.Detail);

        var byPost = Submit();
        byPost.DeliveryMethod = ReturnMethod.Post;
        byPost.DeliveryAddress = "Số 5 Lê Thánh Tông, Hạ Long";
        var accepted = await api.SubmitDossierAsync(byPost);
        Assert.Equal((ReturnMethod.Post, "Số 5 Lê Thánh Tông, Hạ Long"), (accepted.DeliveryMethod, accepted.DeliveryAddress));

        var atDesk = await api.SubmitDossierAsync(Submit());
        Assert.Equal(ReturnMethod.InPerson, atDesk.DeliveryMethod);
    }
}
