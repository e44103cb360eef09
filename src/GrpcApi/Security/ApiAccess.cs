using System.Collections.Frozen;
using static DossierTracking.GrpcApi.Security.Roles;

namespace DossierTracking.GrpcApi.Security;

/// <summary>
/// Who may call what: one rule per RPC, keyed by the gRPC method path. A method without a rule is refused to
/// everyone, and the access test fails for it, so a new RPC cannot go out without a rule. Rules say which roles may
/// call; which objects a caller may touch is decided further in: for dossiers, their payment requests and shipments
/// by the domain's ownership tables (TransitionTable, AccessTable), for agencies by the agency services' own-unit
/// checks, for page tokens by their seal.
/// </summary>
public static class ApiAccess
{
    private const string Dossiers = "/dvc.v1.DossierService/";
    private const string Agencies = "/dvc.v1.AgencyService/";
    private const string Catalog = "/dvc.v1.CatalogService/";
    private const string Subscriptions = "/dvc.v1.SubscriptionService/";

    private static readonly string[] Officers = [DeskOfficer, AgencyOfficer, AgencyLeader];

    public static FrozenDictionary<string, Access> Rules { get; } = new Dictionary<string, Access>
    {
        [Dossiers + "SubmitDossier"] = Access.Only(Portal),
        [Dossiers + "ReceiveDossier"] = Access.Only(DeskOfficer),
        // Anyone may follow a dossier by its receipt code; what they see depends on who they are (DossierViews).
        [Dossiers + "GetDossier"] = Access.Open,
        [Dossiers + "WatchDossier"] = Access.Only([Portal, .. Officers, Supervisor]),
        [Dossiers + "AcceptDossier"] = Access.Only(DeskOfficer),
        [Dossiers + "RefuseIntake"] = Access.Only(DeskOfficer),
        [Dossiers + "RequestSupplement"] = Access.Only(DeskOfficer, AgencyOfficer),
        [Dossiers + "ReceiveSupplement"] = Access.Only(DeskOfficer),
        [Dossiers + "ExpireSupplement"] = Access.Only(DeskOfficer, Roles.System),
        [Dossiers + "ForwardDossier"] = Access.Only(DeskOfficer),
        [Dossiers + "RecordStep"] = Access.Only(AgencyOfficer),
        [Dossiers + "AssignDossier"] = Access.Only(AgencyOfficer, AgencyLeader),
        [Dossiers + "TransferDossier"] = Access.Only(AgencyOfficer),
        [Dossiers + "ReturnFromTransfer"] = Access.Only(AgencyOfficer),
        [Dossiers + "RequestPayment"] = Access.Only(AgencyOfficer),
        [Dossiers + "StopProcessing"] = Access.Only(AgencyLeader),
        [Dossiers + "WithdrawDossier"] = Access.Only(Portal, DeskOfficer),
        [Dossiers + "RecordResult"] = Access.Only(AgencyOfficer),
        // The post returns a result through PostalService only, by reporting the delivery of a shipment it carries.
        [Dossiers + "ReturnResult"] = Access.Only(DeskOfficer),
        [Dossiers + "HandToPost"] = Access.Only(DeskOfficer),
        [Dossiers + "IssueApology"] = Access.Only(DeskOfficer, AgencyOfficer, AgencyLeader),
        [Dossiers + "RateDossier"] = Access.Only(Portal, DeskOfficer),
        [Dossiers + "IssueLookupPin"] = Access.Only(Portal, DeskOfficer),

        // Reference data is public.
        [Catalog + "ListProcedures"] = Access.Open,
        [Catalog + "GetProcedure"] = Access.Open,
        [Catalog + "ListAgencies"] = Access.Open,
        [Catalog + "GetAgency"] = Access.Open,

        // Officers see their own agency (checked in the service); supervisors every agency's figures and reports.
        [Agencies + "GetAgencyFigures"] = Access.Only([.. Officers, Supervisor]),
        [Agencies + "GetAgencyQueue"] = Access.Only(Officers),
        [Agencies + "ListAgencyDossiers"] = Access.Only(Officers),
        [Agencies + "FindDossiers"] = Access.Only(Officers),
        [Agencies + "RecountAgencies"] = Access.Only(Administrator),

        // Webhook subscriptions belong to the deployment and hold their signing secrets: administrators only.
        [Subscriptions + "CreateSubscription"] = Access.Only(Administrator),
        [Subscriptions + "GetSubscription"] = Access.Only(Administrator),
        [Subscriptions + "ListSubscriptions"] = Access.Only(Administrator),
        [Subscriptions + "PauseSubscription"] = Access.Only(Administrator),
        [Subscriptions + "ResumeSubscription"] = Access.Only(Administrator),
        [Subscriptions + "RedeliverChanges"] = Access.Only(Administrator),
        [Subscriptions + "DeleteSubscription"] = Access.Only(Administrator),
        ["/dvc.v1.ReportService/GetReport"] = Access.Only([.. Officers, Supervisor]),

        ["/dvc.v1.PaymentService/ReportTransaction"] = Access.Only(Payment),
        ["/dvc.v1.PaymentService/GetPaymentRequest"] = Access.Only(Payment),
        ["/dvc.v1.PostalService/ReportDeliveryEvent"] = Access.Only(Postal),
        ["/dvc.v1.PostalService/GetShipment"] = Access.Only(Postal),
        // A carrier lists only its own shipments: the token's subject is part of the query (PostalApiService).
        ["/dvc.v1.PostalService/ListShipments"] = Access.Only(Postal),
        ["/dvc.v1.ChangeFeedService/ReadChanges"] = Access.Only(Sync),
        // A dossier's notifications: the officers of a unit holding it, as for its full record (else NOT_FOUND).
        ["/dvc.v1.NotificationService/ListDossierNotifications"] = Access.Only(Officers),
        // Who read or changed a dossier (Decree 13/2023). The applicant, with a second factor, is to come.
        // Who read or changed a dossier: supervisors; the submitting portal and the applicant (anonymous, with the
        // dossier's second factor) as the dossier's access table decides.
        ["/dvc.v1.AuditService/ListDossierAudit"] = new Access(Anonymous: true, new HashSet<string> { Supervisor, Portal }),

        // The dossier's papers: uploads by the submitting portal, the receiving desk and the competent agency (the result
        // document); reads by those holding the dossier, the applicant with its second factor, and the sync role. Which
        // dossier and paper each may touch is the dossier's access tables' to decide.
        ["/dvc.v1.DocumentService/UploadDocument"] = Access.Only(Portal, DeskOfficer, AgencyOfficer),
        ["/dvc.v1.DocumentService/ListDocuments"] = new Access(Anonymous: true, new HashSet<string> { Portal, DeskOfficer, AgencyOfficer, AgencyLeader, Sync }),
        ["/dvc.v1.DocumentService/DownloadDocument"] = new Access(Anonymous: true, new HashSet<string> { Portal, DeskOfficer, AgencyOfficer, AgencyLeader, Sync }),

        // Dossiers of the system a province ran before (docs/import.md): administrators only. Each batch's dossiers are
        // recorded in the audit with the administrator.
        ["/dvc.v1.ImportService/ImportDossiers"] = Access.Only(Administrator),

        // The published versions of the catalogue and the holiday calendar: administrators publish; administrators and
        // supervisors read the versions and who published them (the catalogue itself is public through CatalogService).
        ["/dvc.v1.ReferenceDataService/PublishReferenceData"] = Access.Only(Administrator),
        ["/dvc.v1.ReferenceDataService/GetReferenceData"] = Access.Only(Administrator, Supervisor),
        ["/dvc.v1.ReferenceDataService/ListReferenceDataVersions"] = Access.Only(Administrator, Supervisor),

        // Operations: health is open and says only SERVING or not; reflection describes the API to administrators
        // (and to anyone in Development); the load test's probe is for operators.
        ["/grpc.health.v1.Health/Check"] = Access.Open,
        ["/grpc.health.v1.Health/Watch"] = Access.Open,
        ["/grpc.health.v1.Health/List"] = Access.Open,
        ["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = Access.Only(Administrator),
        ["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = Access.Only(Administrator),
        ["/dvc.probe.v1.ProbeService/Echo"] = Access.Only(Operator),
        ["/dvc.probe.v1.ProbeService/Upsert"] = Access.Only(Operator),
        ["/dvc.probe.v1.ProbeService/Select"] = Access.Only(Operator),
        ["/dvc.probe.v1.ProbeService/GetStats"] = Access.Only(Operator),
        ["/dvc.probe.v1.ProbeService/ReleaseAll"] = Access.Only(Operator),
    }.ToFrozenDictionary();

    public static bool IsReflection(string method) => method.Contains(".ServerReflection/", StringComparison.Ordinal);
}
