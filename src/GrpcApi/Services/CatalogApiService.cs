using System.Globalization;
using System.Text;
using DossierTracking.Contracts.Catalog;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Grpc.Core;
using AgencyKind = DossierTracking.Contracts.Catalog.AgencyKind;
using AgencyLevel = DossierTracking.Contracts.Catalog.AgencyLevel;

namespace DossierTracking.GrpcApi.Services;

/// <summary>
/// Reference data over gRPC, served from the in-memory catalogue. Pages are keyed by the last code returned
/// (codes are unique and ordered), so paging is stable; the token also carries a hash of the filters, so a token
/// cannot be replayed against a different query.
/// </summary>
public sealed class CatalogApiService(IProvinces provinces, PageTokens pageTokens) : CatalogService.CatalogServiceBase
{
    public const int DefaultPageSize = PageTokens.DefaultPageSize;
    public const int MaxPageSize = PageTokens.MaxPageSize;

    public override Task<ListProceduresResponse> ListProcedures(ListProceduresRequest request, ServerCallContext context)
    {
        var pageSize = PageSize(request.PageSize);
        if (request.ServiceLevel is < 0 or > 4)
        {
            throw ApiErrors.Invalid("service_level", "OUT_OF_RANGE", "service_level is 2, 3 or 4 (0 for any).");
        }

        var catalog = CatalogOf(request.ProvinceCode);
        var agency = request.AgencyCode.Length > 0 ? Input.UnitCode(request.AgencyCode, "agency_code") : "";
        var words = Words(Input.Text(request.Query, "query", 200));
        var level = (AgencyLevel)(int)request.AgencyLevel;
        var filter = $"p|{catalog.Province}|{agency}|{level}|{request.ServiceLevel}|{string.Join(' ', words)}";
        var matches = catalog.Procedures.Where(p =>
            (agency.Length == 0 || p.AgencyCode == agency)
            && (level == AgencyLevel.Unspecified || p.AgencyLevel == level)
            && (request.ServiceLevel == 0 || p.ServiceLevel == request.ServiceLevel)
            && (words.Length == 0 || words.All(w => Fold(p.Name + " " + p.Field).Contains(w, StringComparison.Ordinal))))
            .ToList();

        var (page, next) = Page(context, matches, p => p.Code, request.PageToken, filter, pageSize);
        var response = new ListProceduresResponse { NextPageToken = next, TotalSize = matches.Count, CatalogVersion = catalog.Version };
        response.Procedures.AddRange(page.Select(CatalogMapper.ToProto));
        return Task.FromResult(response);
    }

    public override Task<Procedure> GetProcedure(GetProcedureRequest request, ServerCallContext context)
    {
        var code = Input.ProcedureCode(request.Code, "code");
        return Task.FromResult(CatalogOf(request.ProvinceCode).FindProcedure(code) is { } procedure
            ? CatalogMapper.ToProto(procedure)
            : throw ApiErrors.NotFound("code", "PROCEDURE_NOT_FOUND", $"No procedure has code {code}."));
    }

    public override Task<ListAgenciesResponse> ListAgencies(ListAgenciesRequest request, ServerCallContext context)
    {
        var pageSize = PageSize(request.PageSize);
        var parent = request.ParentCode.Length > 0 ? Input.UnitCode(request.ParentCode, "parent_code") : "";
        var level = (AgencyLevel)(int)request.Level;
        var kind = (AgencyKind)(int)request.Kind;
        var catalog = CatalogOf(request.ProvinceCode);
        var filter = $"a|{catalog.Province}|{parent}|{level}|{kind}|{request.ReceivingDesksOnly}";
        var matches = catalog.Agencies.Where(a =>
            (parent.Length == 0 || a.ParentCode == parent)
            && (level == AgencyLevel.Unspecified || a.Level == level)
            && (kind == AgencyKind.Unspecified || a.Kind == kind)
            && (!request.ReceivingDesksOnly || a.IsReceivingDesk))
            .ToList();

        var (page, next) = Page(context, matches, a => a.Code, request.PageToken, filter, pageSize);
        var response = new ListAgenciesResponse { NextPageToken = next, TotalSize = matches.Count, CatalogVersion = catalog.Version };
        response.Agencies.AddRange(page.Select(CatalogMapper.ToProto));
        return Task.FromResult(response);
    }

    public override Task<Agency> GetAgency(GetAgencyRequest request, ServerCallContext context)
    {
        var code = Input.UnitCode(request.Code, "code");
        return Task.FromResult(provinces.FindAgency(code) is { } agency
            ? CatalogMapper.ToProto(agency)
            : throw ApiErrors.NotFound("code", "AGENCY_NOT_FOUND", $"No agency has code {code}."));
    }

    private static int PageSize(int requested) => PageTokens.PageSize(requested);

    /// <summary>The catalogue of the province asked for, or of the deployment's first province when none is named.</summary>
    private ICatalog CatalogOf(string provinceCode)
    {
        var province = provinceCode.Length == 0 ? provinces.Codes[0] : Input.ProvinceCode(provinceCode, "province_code");
        return provinces.Catalog(province)
            ?? throw ApiErrors.NotFound("province_code", "PROVINCE_NOT_SERVED", $"Province {province} is not served here.");
    }

    /// <summary>One page of <paramref name="items"/> (ordered by key) after the key in the token.</summary>
    private (List<T> Page, string Next) Page<T>(ServerCallContext context, List<T> items, Func<T, string> key, string token, string filter, int pageSize)
    {
        var after = pageTokens.Open(context, filter, token);
        var start = after is null ? 0 : items.FindIndex(i => string.CompareOrdinal(key(i), after) > 0);
        if (start < 0)
        {
            return ([], "");
        }

        var page = items.Skip(start).Take(pageSize).ToList();
        var more = start + page.Count < items.Count;
        return (page, more ? pageTokens.Seal(context, filter, key(page[^1])) : "");
    }

    private static string[] Words(string query) =>
        Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Lower case without diacritics ("Đăng ký" and "dang ky" match).</summary>
    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
