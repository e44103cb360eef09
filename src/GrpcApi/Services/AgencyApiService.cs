using DossierTracking.Contracts;
using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using AgencyFigures = DossierTracking.GrpcApi.V1.AgencyFigures;
using AgencyScope = DossierTracking.Contracts.Agencies.AgencyScope;
using Channel = DossierTracking.Contracts.Dossiers.Channel;
using ChannelCounts = DossierTracking.GrpcApi.V1.ChannelCounts;
using DossierState = DossierTracking.Contracts.Dossiers.DossierState;
using FigureDifference = DossierTracking.GrpcApi.V1.FigureDifference;
using Timeliness = DossierTracking.Contracts.Dossiers.Timeliness;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// Agencies over gRPC: live figures and queues from the agency grains, lists and applicant search from the read model.
/// List tokens carry the last receipt code returned and a hash of the filters.
/// </summary>
public sealed class AgencyApiService(
    IGrainFactory grains,
    IDossierIndex index,
    IAgencyRecount recount,
    IProvinces provinces,
    PageTokens pageTokens,
    [FromKeyedServices(DomainClockKey.Value)] TimeProvider clock) : AgencyService.AgencyServiceBase
{
    /// <summary>The longest officer login id a filter may name (the wire's bound; the domain's is the same).</summary>
    private const int MaxAssigneeIdLength = 128;

    public override async Task<AgencyFigures> GetAgencyFigures(GetAgencyFiguresRequest request, ServerCallContext context)
    {
        var code = KnownAgency(context, request.AgencyCode, supervisorsToo: true);
        return AgencyMapper.ToProto(await grains.GetGrain<IAgencyGrain>(code).GetFiguresAsync());
    }

    public override async Task<GetAgencyQueueResponse> GetAgencyQueue(GetAgencyQueueRequest request, ServerCallContext context)
    {
        var pageSize = PageTokens.PageSize(request.PageSize);
        var code = KnownAgency(context, request.AgencyCode, supervisorsToo: false);
        var assignee = Input.Text(request.AssigneeId, "assignee_id", MaxAssigneeIdLength);
        var queue = await grains.GetGrain<IAgencyGrain>(code).GetQueueAsync(pageSize, assignee.Length > 0 ? assignee : null);
        var response = new GetAgencyQueueResponse { QueueLength = queue.Length };
        response.Dossiers.AddRange(queue.Head.Select(r => AgencyMapper.ToProto(r, queue.EvaluatedAt)));
        return response;
    }

    public override async Task<ListAgencyDossiersResponse> ListAgencyDossiers(ListAgencyDossiersRequest request, ServerCallContext context)
    {
        var pageSize = PageTokens.PageSize(request.PageSize);
        var code = KnownAgency(context, request.AgencyCode, supervisorsToo: false);
        if (!System.Enum.IsDefined(request.Scope))
        {
            throw ApiErrors.Invalid("scope", "OUT_OF_RANGE", "scope is not a known AgencyScope.");
        }

        var states = request.States.Select(s => (int)s is >= 1 and <= 10
            ? (DossierState)(int)s
            : throw ApiErrors.Invalid("states", "OUT_OF_RANGE", "states holds state codes 1 to 10.")).Distinct().Order().ToList();
        if ((int)request.Timeliness is < 0 or > 5)
        {
            throw ApiErrors.Invalid("timeliness", "OUT_OF_RANGE", "timeliness is not a known Timeliness.");
        }

        if ((int)request.Channel is < 0 or > 3)
        {
            throw ApiErrors.Invalid("channel", "OUT_OF_RANGE", "channel is not a known Channel.");
        }

        DateTimeOffset? dueFrom = request.DueFrom is null ? null : Input.Time(request.DueFrom, "due_from");
        DateTimeOffset? dueTo = request.DueTo is null ? null : Input.Time(request.DueTo, "due_to");
        var procedure = request.ProcedureCode.Length > 0 ? Input.ProcedureCode(request.ProcedureCode) : "";
        var assignee = Input.Text(request.AssigneeId, "assignee_id", MaxAssigneeIdLength);
        var filter = string.Join('|', "agency-list", code, (int)request.Scope, string.Join(',', states.Select(s => (int)s)), (int)request.Timeliness,
            dueFrom?.ToUnixTimeMilliseconds(), dueTo?.ToUnixTimeMilliseconds(), (int)request.Channel, procedure, assignee);
        var after = pageTokens.Open(context, filter, request.PageToken);
        var now = clock.GetUtcNow();
        var rows = await index.ListAsync(new DossierListQuery
        {
            AgencyCode = code,
            Scope = (AgencyScope)(int)request.Scope,
            States = states,
            Timeliness = (Timeliness)(int)request.Timeliness,
            DueFrom = dueFrom,
            DueTo = dueTo,
            Channel = (Channel)(int)request.Channel,
            ProcedureCode = procedure,
            AssigneeId = assignee,
            At = now,
            AfterReceiptCode = after,
            Limit = pageSize + 1,
        }, context.CancellationToken);

        var response = new ListAgencyDossiersResponse();
        response.Dossiers.AddRange(rows.Take(pageSize).Select(r => AgencyMapper.ToProto(r, now)));
        if (rows.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Seal(context, filter, rows[pageSize - 1].ReceiptCode);
        }

        return response;
    }

    public override async Task<FindDossiersResponse> FindDossiers(FindDossiersRequest request, ServerCallContext context)
    {
        var pageSize = PageTokens.PageSize(request.PageSize);
        var id = Input.Text(request.ApplicantIdNumber, "applicant_id_number", 20);
        var phone = Input.Text(request.ApplicantPhone, "applicant_phone", 20);
        if (id.Length == 0 && phone.Length == 0)
        {
            throw ApiErrors.Invalid("applicant_id_number", "REQUIRED", "Give applicant_id_number, applicant_phone or both.");
        }

        // An officer finds the applicant's dossiers held by their own unit (received, decided or held there now), and
        // nothing of the others': the unit is part of the query itself, and of the sealed page token.
        var agency = Caller.Of(context).AgencyCode;
        var filter = $"find|{id}|{phone}";
        var after = pageTokens.Open(context, filter, request.PageToken);
        var now = clock.GetUtcNow();
        var rows = await index.FindByApplicantAsync(id, phone, agency, after, pageSize + 1, context.CancellationToken);
        var response = new FindDossiersResponse();
        response.Dossiers.AddRange(rows.Take(pageSize).Select(r => AgencyMapper.ToProto(r, now)));
        if (rows.Count > pageSize)
        {
            response.NextPageToken = pageTokens.Seal(context, filter, rows[pageSize - 1].ReceiptCode);
        }

        return response;
    }

    public override async Task<RecountAgenciesResponse> RecountAgencies(RecountAgenciesRequest request, ServerCallContext context)
    {
        var report = await recount.RecountAsync(context.CancellationToken);
        var response = new RecountAgenciesResponse
        {
            EvaluatedAt = Timestamp.FromDateTimeOffset(report.EvaluatedAt),
            Dossiers = report.Dossiers,
            Agencies = report.Agencies,
            ReadModelMissing = report.ReadModelMissing,
            ReadModelStale = report.ReadModelStale,
            ReadModelOrphans = report.ReadModelOrphans,
        };
        response.Differences.AddRange(report.Differences.Select(d => new FigureDifference
        {
            AgencyCode = d.AgencyCode,
            Figure = d.Figure,
            Live = d.Live,
            Recounted = d.Recounted,
        }));
        return response;
    }

    /// <summary>
    /// The agency asked about, once the caller may read it: an officer asking about another unit is refused whether or
    /// not that unit exists; only callers who may read any agency learn that a code is unknown.
    /// </summary>
    private string KnownAgency(ServerCallContext context, string value, bool supervisorsToo)
    {
        var code = Input.UnitCode(value, "agency_code");
        AgencyScopeCheck.RequireOwnAgency(context, code, supervisorsToo);
        return provinces.FindAgency(code) is not null
            ? code
            : throw AgencyScopeCheck.UnknownAgency(code);
    }
}
