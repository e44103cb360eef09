using DossierTracking.Contracts.Agencies;
using DossierTracking.GrpcApi.V1;
using Google.Protobuf.WellKnownTypes;
using AgencyFigures = DossierTracking.GrpcApi.V1.AgencyFigures;
using ChannelCounts = DossierTracking.GrpcApi.V1.ChannelCounts;

namespace DossierTracking.GrpcApi.Mapping;

/// <summary>Maps agencies' figures and the read model's rows to wire messages (agency and report services).</summary>
public static class AgencyMapper
{
    public static AgencyFigures ToProto(Contracts.Agencies.AgencyFigures f)
    {
        var message = new AgencyFigures
        {
            AgencyCode = f.AgencyCode,
            EvaluatedAt = Timestamp.FromDateTimeOffset(f.EvaluatedAt),
            ReceivedToday = ToProto(f.ReceivedToday),
            ReceivedThisMonth = ToProto(f.ReceivedThisMonth),
            ReceivedThisYear = ToProto(f.ReceivedThisYear),
            FinishedEarly = f.FinishedEarly,
            FinishedOnTime = f.FinishedOnTime,
            FinishedLate = f.FinishedLate,
            OpenWithinDeadline = f.OpenWithinDeadline,
            OpenOverdue = f.OpenOverdue,
            Paused = f.Paused,
            ApologyDue = f.ApologyDue,
            AverageProcessingTime = Duration.FromTimeSpan(f.AverageProcessingTime),
            QueueLength = f.QueueLength,
            Total = f.Total,
            Ratings = ToProto(f.Ratings),
        };
        for (var state = 1; state < f.ByState.Count; state++)
        {
            message.ByState[((V1.DossierState)state).ToString()] = f.ByState[state];
        }

        foreach (var (assignee, count) in f.InProcessingByAssignee)
        {
            message.InProcessingByAssignee[assignee] = count;
        }

        return message;
    }

    public static V1.SatisfactionCounts ToProto(Contracts.Agencies.SatisfactionCounts r) =>
        new() { VerySatisfied = r.VerySatisfied, Satisfied = r.Satisfied, NotSatisfied = r.NotSatisfied };

    private static ChannelCounts ToProto(Contracts.Agencies.ChannelCounts c) =>
        new() { Online = c.Online, Counter = c.Counter, Postal = c.Postal, Total = c.Total };

    public static DossierSummary ToProto(DossierIndexRow r, DateTimeOffset now) => new()
    {
        ReceiptCode = r.ReceiptCode,
        Version = r.Version,
        State = (V1.DossierState)(int)r.State,
        Channel = (V1.Channel)(int)r.Channel,
        ProcedureCode = r.ProcedureCode,
        ReceivingDeskCode = r.ReceivingDeskCode,
        HandlingAgencyCode = r.HandlingAgencyCode,
        CurrentAgencyCode = r.CurrentAgencyCode,
        ApplicantName = r.ApplicantName,
        ApplicantIdNumber = r.ApplicantIdNumber,
        ApplicantPhone = r.ApplicantPhone,
        SubmittedAt = Timestamps.Of(r.SubmittedAt),
        ReceivedAt = Timestamps.Of(r.ReceivedAt),
        DueAt = Timestamps.Of(r.DueAt),
        FinishedAt = Timestamps.Of(r.FinishedAt),
        Timeliness = (V1.Timeliness)(int)r.TimelinessAt(now),
        ApologyDue = r.ApologyDueAt(now),
        AssigneeId = r.AssigneeId,
    };

}
