using System.Globalization;
using DossierTracking.Contracts;
using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Catalog;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.GrpcApi.Validation;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using AgencyLevel = DossierTracking.Contracts.Catalog.AgencyLevel;
using PeriodKind = DossierTracking.Contracts.Agencies.PeriodKind;

namespace DossierTracking.GrpcApi.Services;

/// <summary>KPI reports over gRPC: reads the scope's rows from the read model and applies the report rules.</summary>
public sealed class ReportApiService(
    IProvinces provinces,
    IPeriodReports reports,
    [FromKeyedServices(DomainClockKey.Value)] TimeProvider clock) : ReportService.ReportServiceBase
{
    public override async Task<Report> GetReport(GetReportRequest request, ServerCallContext context)
    {
        var scopes = (request.AgencyCode.Length > 0 ? 1 : 0) + (request.Level != V1.AgencyLevel.Unspecified ? 1 : 0) + (request.Province ? 1 : 0);
        if (scopes != 1)
        {
            throw ApiErrors.Invalid("agency_code", "ONE_SCOPE", "Give exactly one of agency_code, level or province.");
        }

        if (request.Period is V1.PeriodKind.Unspecified || !System.Enum.IsDefined(request.Period))
        {
            throw ApiErrors.Invalid("period", "REQUIRED", "period is PERIOD_KIND_DAY, _MONTH, _QUARTER or _YEAR.");
        }

        if (!DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year is < 2000 or > 2100)
        {
            throw ApiErrors.Invalid("date", "INVALID_DATE", "date is a day between 2000 and 2100 as yyyy-MM-dd.");
        }

        AgencyInfo? agency = null;
        AgencyLevel? level = null;
        if (request.AgencyCode.Length > 0)
        {
            var code = Input.UnitCode(request.AgencyCode, "agency_code");
            // An officer asking about another unit is refused whether or not it exists.
            AgencyScopeCheck.RequireOwnAgency(context, code, supervisorsToo: true);
            agency = provinces.FindAgency(code) ?? throw AgencyScopeCheck.UnknownAgency(code);
        }
        else if (request.Level != V1.AgencyLevel.Unspecified)
        {
            level = System.Enum.IsDefined(request.Level)
                ? (AgencyLevel)(int)request.Level
                : throw ApiErrors.Invalid("level", "OUT_OF_RANGE", "level is PROVINCE, DISTRICT or COMMUNE.");
        }

        if (agency is null)
        {
            AgencyScopeCheck.RequireSupervisor(context);
        }

        // An agency's report is of its province; a level's or the province's, of the supervisor's own.
        var province = agency is not null ? ProvinceCodes.Of(agency.Code) : Caller.Of(context).Province;
        var report = await reports.ComputeAsync(new ReportPeriod((PeriodKind)(int)request.Period, date), province, agency, level, clock.GetUtcNow(),
            context.CancellationToken);
        var message = new Report
        {
            Scope = report.Scope,
            Period = request.Period,
            FirstDay = report.Period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            EndDay = report.Period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            EvaluatedAt = Timestamp.FromDateTimeOffset(report.EvaluatedAt),
            Received = new V1.ChannelCounts { Online = report.Received.Online, Counter = report.Received.Counter, Postal = report.Received.Postal, Total = report.Received.Total },
            CarriedOver = report.CarriedOver,
            FinishedEarly = report.FinishedEarly,
            FinishedOnTime = report.FinishedOnTime,
            FinishedLate = report.FinishedLate,
            Withdrawn = report.Withdrawn,
            OpenWithinDeadline = report.OpenWithinDeadline,
            OpenOverdue = report.OpenOverdue,
            Paused = report.Paused,
            Level34Share = report.Level34Share,
            Level4Share = report.Level4Share,
            Procedures = report.Procedures,
            AverageProcessingTime = Duration.FromTimeSpan(report.AverageProcessingTime),
            Ratings = AgencyMapper.ToProto(report.Ratings),
        };

        // Ratios whose denominator is zero stay absent.
        if (report.OnTimeRate is { } onTime)
        {
            message.OnTimeRate = onTime;
        }

        message.FeesRequested = report.FeesRequested;
        message.PaidOnline = report.PaidOnline;
        if (report.OnlinePaymentRate is { } paymentRate)
        {
            message.OnlinePaymentRate = paymentRate;
        }

        if (report.OnlineRate is { } online)
        {
            message.OnlineRate = online;
        }

        if (report.ProgressScore is { } score)
        {
            message.ProgressScore = score;
        }

        return message;
    }
}
