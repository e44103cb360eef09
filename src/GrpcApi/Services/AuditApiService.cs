using DossierTracking.Contracts.Catalog;
using System.Globalization;
using DossierTracking.Contracts.Audit;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// The audit of a dossier: who read or changed it and who was refused, newest first, keyset-paged by (time, id) so
/// entries written while paging never shift a page. A supervisor reads any dossier's of their province (another
/// province's dossier answers as an unknown one: no entries); anyone else asks the dossier,
/// whose access table decides (the portal that submitted it, or the applicant with its second factor).
/// </summary>
public sealed class AuditApiService(IAuditReader reader, IGrainFactory grains, PageTokens pageTokens, LookupThrottle throttle) : AuditService.AuditServiceBase
{
    public override async Task<ListDossierAuditResponse> ListDossierAudit(ListDossierAuditRequest request, ServerCallContext context)
    {
        var code = Input.ReceiptCodeOf(request.ReceiptCode);
        var size = PageTokens.PageSize(request.PageSize);
        var caller = Caller.Of(context);
        if (caller.Role != Roles.Supervisor)
        {
            throttle.Take(caller, context);
            var proof = Input.Proof(request.LookupPin, request.ApplicantIdNumber);
            var read = new DossierRead { Purpose = DossierReadPurpose.Audit, Reader = Input.ReaderOf(caller), Proof = proof };
            var grain = grains.GetGrain<IDossierGrain>(code);
            if ((proof is null ? await grain.ReadAsync(read) : await grain.ReadWithProofAsync(read)).Failure is { } refused)
            {
                throw ApiErrors.FromFailure(refused);
            }
        }

        if (caller.Role == Roles.Supervisor && !ProvinceCodes.IsIn(code, caller.Province))
        {
            // Read from the receipt code alone, without asking the dossier: the same empty answer as an unknown code's.
            return new ListDossierAuditResponse();
        }

        var filter = "dossier-audit|" + code;
        var before = pageTokens.Open(context, filter, request.PageToken) is { } position ? Parse(position) : (AuditPosition?)null;

        var entries = await reader.ListForDossierAsync(code, before, size + 1, context.CancellationToken);
        var response = new ListDossierAuditResponse();
        foreach (var entry in entries.Take(size))
        {
            response.Entries.Add(new DossierAuditEntry
            {
                At = Timestamp.FromDateTimeOffset(entry.At),
                Role = entry.Role,
                Subject = entry.Subject,
                Unit = entry.Unit,
                Method = entry.Method,
                Target = entry.Target,
                Outcome = entry.Outcome,
                Reason = entry.Reason,
                Basis = entry.Basis,
            });
        }

        if (entries.Count > size)
        {
            var last = entries[size - 1];
            response.NextPageToken = pageTokens.Seal(context, filter,
                string.Create(CultureInfo.InvariantCulture, $"{AuditValues.ToUnixMicroseconds(last.At)}:{last.Id:N}"));
        }

        return response;
    }

    private static AuditPosition Parse(string position)
    {
        var parts = position.Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds)
            && microseconds < AuditValues.ToUnixMicroseconds(DateTimeOffset.MaxValue)
            && Guid.TryParseExact(parts[1], "N", out var id)
                ? new AuditPosition(AuditValues.FromUnixMicroseconds(microseconds), id)
                : throw ApiErrors.Invalid("page_token", "INVALID_PAGE_TOKEN", "page_token is not a token this service issued.");
    }
}
