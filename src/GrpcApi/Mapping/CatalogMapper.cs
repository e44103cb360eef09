using DossierTracking.Contracts.Catalog;
using V1 = DossierTracking.GrpcApi.V1;

namespace DossierTracking.GrpcApi.Mapping;

public static class CatalogMapper
{
    public static V1.Procedure ToProto(ProcedureInfo p)
    {
        var message = new V1.Procedure
        {
            Code = p.Code,
            Name = p.Name,
            Field = p.Field,
            AgencyLevel = (V1.AgencyLevel)(int)p.AgencyLevel,
            AgencyCode = p.AgencyCode ?? "",
            Limit = ToProto(p.Limit),
            OnlineLimit = p.OnlineLimit is { } online ? ToProto(online) : null,
            ServiceLevel = p.ServiceLevel,
            SupplementPolicy = (V1.SupplementPolicy)(int)p.SupplementPolicy,
            ComponentsIllustrative = p.ComponentsIllustrative,
        };
        message.Fees.AddRange(p.Fees.Select(f => new V1.ProcedureFee { Name = f.Name, Amount = f.Amount, Timing = (V1.FeeTiming)(int)f.Timing }));
        message.Components.AddRange(p.Components.Select(c => new V1.ProcedureComponent
        {
            Code = c.Code,
            Name = c.Name,
            Form = (V1.PaperForm)(int)c.Form,
            Count = c.Count,
            Required = c.Required,
            Note = c.Note,
        }));
        return message;
    }

    public static V1.Agency ToProto(AgencyInfo a) => new()
    {
        Code = a.Code,
        Name = a.Name,
        NameEn = a.NameEn,
        Level = (V1.AgencyLevel)(int)a.Level,
        Kind = (V1.AgencyKind)(int)a.Kind,
        ParentCode = a.ParentCode ?? "",
        IsReceivingDesk = a.IsReceivingDesk,
        GsoCode = a.GsoCode,
        ValidFrom = a.ValidFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ValidTo = a.ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static V1.TimeLimit ToProto(TimeLimit limit) => new() { Value = limit.Value, Unit = (V1.LimitUnit)(int)limit.Unit };
}
