using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Grpc.Core;
using PaymentRequest = DossierTracking.Contracts.Payments.PaymentRequest;
using TransactionStatus = DossierTracking.Contracts.Payments.TransactionStatus;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// Transaction reports from payment intermediaries. The payment request id names the dossier, so a report is one call
/// to that dossier's grain, which decides, issues the e-receipt and persists before it answers.
/// </summary>
public sealed class PaymentApiService(IGrainFactory grains) : PaymentService.PaymentServiceBase
{
    public override async Task<ReportTransactionReply> ReportTransaction(ReportTransactionRequest request, ServerCallContext context)
    {
        var (code, number) = RequestId(request.PaymentRequestId);
        var transactionId = Input.ExternalId(request.TransactionId, "transaction_id");
        var report = new PaymentReport
        {
            RequestNumber = number,
            TransactionId = transactionId,
            Amount = request.Amount,
            Status = (TransactionStatus)(int)Input.Defined(request.Status, "status"),
            OccurredAt = Input.Time(request.OccurredAt, "occurred_at"),
            // The intermediary is the caller: its token, not the request, says who reports.
            Intermediary = Input.ActorOf(Caller.Of(context)).PersonId,
        };
        var reply = await grains.GetGrain<IDossierGrain>(code).ReportPaymentAsync(report);
        if (reply.Failure is { } failure)
        {
            throw ApiErrors.FromFailure(failure);
        }

        return new ReportTransactionReply
        {
            Outcome = (ReportOutcome)(int)reply.Outcome,
            Message = reply.Message,
            PaymentRequest = DossierMapper.ToProto(code, reply.Request!),
            DossierState = (V1.DossierState)(int)reply.DossierState,
            DossierVersion = reply.DossierVersion,
        };
    }

    public override async Task<V1.PaymentRequest> GetPaymentRequest(GetPaymentRequestRequest request, ServerCallContext context)
    {
        var (code, number) = RequestId(request.PaymentRequestId);
        var read = new DossierRead { Purpose = DossierReadPurpose.PaymentRequest, Reader = Input.ActorOf(Caller.Of(context)), ObjectNumber = number };
        var reply = await grains.GetGrain<IDossierGrain>(code).ReadAsync(read);
        return reply.Failure is { } failure ? throw ApiErrors.FromFailure(failure) : DossierMapper.ToProto(code, reply.Payment!);
    }

    private static (string ReceiptCode, int Number) RequestId(string id) =>
        PaymentRequest.TryParseId(id, out var code, out var number) && ReceiptCode.IsValid(code)
            ? (code, number)
            : throw ApiErrors.Invalid("payment_request_id", "INVALID_PAYMENT_REQUEST_ID", "payment_request_id must look like H49.22-201021-0001/1 (receipt code / request number).");
}
