using DossierTracking.Contracts.Audit;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.ReferenceData;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Grpc.Core;
using ReferenceDataVersion = DossierTracking.GrpcApi.V1.ReferenceDataVersion;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// Publishing and reading the reference data's versions. The API checks the wire (the kind's name, a version number);
/// the host's <see cref="IReferenceDataAdmin"/> checks the content as the shipped seed is checked, stores it and puts
/// it in force. Who may call is <see cref="ApiAccess"/>'s; every call is audited by the access check.
/// </summary>
public sealed class ReferenceDataApiService(IReferenceDataAdmin admin, IProvinces provinces) : ReferenceDataService.ReferenceDataServiceBase
{
    /// <summary>The largest request: the largest content, with room for JSON escapes and the other fields.</summary>
    public const int MaxMessageBytes = ReferenceDataLimits.MaxContentBytes + 1024 * 1024;

    public override async Task<ReferenceDataVersion> PublishReferenceData(PublishReferenceDataRequest request, ServerCallContext context)
    {
        var kind = Kind(request.Kind);
        var province = Province(context, kind, request.ProvinceCode);
        var publisher = AuditValues.Escape(Caller.Of(context).PersonId, AuditValues.MaxSubjectLength);
        var publication = await admin.PublishAsync(kind, province, request.Content, request.ExpectedCurrentVersion, publisher, context.CancellationToken);
        return publication.Failure is { } failure ? throw ApiErrors.FromFailure(failure) : ToProto(publication.Version!);
    }

    public override async Task<ReferenceData> GetReferenceData(GetReferenceDataRequest request, ServerCallContext context)
    {
        var kind = Kind(request.Kind);
        var province = Province(context, kind, request.ProvinceCode);
        if (request.Version < 0)
        {
            throw ApiErrors.Invalid("version", "OUT_OF_RANGE", "version is 1 or more, or 0 for the newest.");
        }

        var (document, failure) = await admin.GetAsync(kind, province, request.Version == 0 ? null : request.Version, context.CancellationToken);
        return failure is not null ? throw ApiErrors.FromFailure(failure)
            : new ReferenceData { Version = ToProto(document!.Version), Content = document.Content, InForceVersion = admin.InForce(kind, province) };
    }

    public override async Task<ListReferenceDataVersionsResponse> ListReferenceDataVersions(ListReferenceDataVersionsRequest request, ServerCallContext context)
    {
        var kind = Kind(request.Kind);
        var province = Province(context, kind, request.ProvinceCode);
        var response = new ListReferenceDataVersionsResponse { InForceVersion = admin.InForce(kind, province) };
        response.Versions.AddRange((await admin.ListAsync(kind, province, context.CancellationToken)).Select(ToProto));
        return response;
    }

    /// <summary>
    /// The province a request concerns: none for the national calendar; for a catalogue the one named, else the
    /// supervisor's own, else the deployment's first. A province not served here, or (for a supervisor) not their own, is NOT_FOUND alike.
    /// </summary>
    private string Province(ServerCallContext context, ReferenceDataKind kind, string value)
    {
        if (kind == ReferenceDataKind.Calendar)
        {
            return value.Length == 0 ? "" : throw ApiErrors.Invalid("province_code", "CALENDAR_IS_NATIONAL",
                "The holiday calendar is national: leave province_code empty.");
        }

        var caller = Caller.Of(context);
        var province = value.Length > 0 ? Input.ProvinceCode(value, "province_code")
            : caller.Role == Roles.Supervisor ? caller.Province
            : provinces.Codes[0];
        return provinces.Serves(province) && (caller.Role != Roles.Supervisor || caller.Province == province)
            ? province
            : throw ApiErrors.NotFound("province_code", "PROVINCE_NOT_SERVED", $"Province {province} is not served here.");
    }

    private static ReferenceDataKind Kind(string name) =>
        ReferenceDataKinds.TryParse(name, out var kind) ? kind : throw ApiErrors.Invalid("kind", "UNKNOWN_KIND",
            $"kind must be '{ReferenceDataKinds.CatalogName}' or '{ReferenceDataKinds.CalendarName}'.");

    private static ReferenceDataVersion ToProto(Contracts.ReferenceData.ReferenceDataVersion version) => new()
    {
        Kind = ReferenceDataKinds.Name(version.Kind),
        Version = version.Version,
        PublishedAt = Timestamps.Of(version.PublishedAt),
        PublishedBy = version.PublishedBy,
        Sha256 = version.Sha256,
        ProvinceCode = version.Province,
    };
}
