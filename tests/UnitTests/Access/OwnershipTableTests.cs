using System.Text;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;

namespace DossierTracking.UnitTests.Access;

/// <summary>
/// The README's ownership table is the one the code enforces: it is rendered here from the transition and access
/// tables and must appear in the README word for word, so neither can change without the other.
/// </summary>
public sealed class OwnershipTableTests
{
    [Fact]
    public void The_readme_shows_the_ownership_table_the_code_enforces()
    {
        var table = Render();
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        Assert.True(readme.Contains(table, StringComparison.Ordinal), "README.md must contain this table (between the ownership markers):\n\n" + table);
    }

    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("| RPC | Who | On which objects | From states |\n|---|---|---|---|\n");
        foreach (var (rpc, channel) in new[] { ("SubmitDossier", Channel.Online), ("ReceiveDossier", Channel.Counter) })
        {
            foreach (var permission in TransitionTable.CreationPermissions(channel))
            {
                var scope = permission.Scope == ActorScope.Any ? "new dossiers" : "new dossiers at their desk";
                text.Append($"| {rpc} | {Party(permission.Party)} | {scope} | – |\n");
            }
        }

        // A payment's success resumes processing through ReportTransaction, whose own row (below) says who may send it.
        foreach (var rule in TransitionTable.All.Where(r => r.Action != DossierAction.ConfirmPayment).OrderBy(r => r.Action))
        {
            foreach (var permission in rule.Permissions)
            {
                var from = permission.OnlyFrom ?? rule.From;
                text.Append($"| {Rpc(rule.Action)} | {Party(permission.Party)} | {Scope(permission.Scope)} | {States(from)} |\n");
            }
        }

        foreach (var purpose in Enum.GetValues<DossierReadPurpose>())
        {
            foreach (var permission in AccessTable.ForRead(purpose))
            {
                var shows = permission.Shows == Disclosure.Full ? "" : " (agency level)";
                text.Append($"| {Purpose(purpose)}{shows} | {Party(permission.Party)} | {Scope(permission.Scope)} | any |\n");
            }
        }

        foreach (var (name, permissions) in new[] { ("ReportTransaction", AccessTable.ReportPayment), ("ReportDeliveryEvent", AccessTable.ReportDelivery) })
        {
            foreach (var permission in permissions)
            {
                text.Append($"| {name} | {Party(permission.Party)} | {Scope(permission.Scope)} | any |\n");
            }
        }

        return text.ToString();
    }

    private static string Party(Party party) => party switch
    {
        Contracts.Dossiers.Party.Unspecified => "anyone (no token)",
        Contracts.Dossiers.Party.Portal => "`portal`",
        Contracts.Dossiers.Party.DeskOfficer => "`desk_officer`",
        Contracts.Dossiers.Party.AgencyOfficer => "`agency_officer`",
        Contracts.Dossiers.Party.AgencyLeader => "`agency_leader`",
        Contracts.Dossiers.Party.PaymentIntermediary => "`payment`",
        Contracts.Dossiers.Party.PostalService => "`postal`",
        Contracts.Dossiers.Party.System => "`system`",
        Contracts.Dossiers.Party.Supervisor => "`supervisor`",
        Contracts.Dossiers.Party.Sync => "`sync`",
        _ => party.ToString(),
    };

    private static string Scope(ActorScope scope) => scope switch
    {
        ActorScope.Any => "every dossier",
        ActorScope.Province => "dossiers of their province",
        ActorScope.ReceivingDesk => "dossiers received at their desk",
        ActorScope.CurrentAgency => "dossiers at their agency now",
        ActorScope.HandlingAgency => "dossiers their agency decides",
        ActorScope.HoldingUnit => "dossiers their unit received, decides or holds now",
        ActorScope.SubmitterOrApplicant => "dossiers it submitted, or with the applicant's PIN / citizen's ID number",
        ActorScope.SubmittingPortal => "dossiers it submitted",
        ActorScope.Applicant => "with the applicant's PIN / citizen's ID number",
        ActorScope.BoundIntermediary => "payment requests bound to it, or to no one yet",
        ActorScope.Carrier => "shipments it carries",
        _ => scope.ToString(),
    };

    private static string Purpose(DossierReadPurpose purpose) => purpose switch
    {
        DossierReadPurpose.Record => "GetDossier, full record (else the public view)",
        DossierReadPurpose.Watch => "WatchDossier",
        DossierReadPurpose.PaymentRequest => "GetPaymentRequest",
        DossierReadPurpose.Shipment => "GetShipment",
        DossierReadPurpose.Audit => "the dossier's audit trail",
        DossierReadPurpose.Document => "ListDocuments, DownloadDocument",
        _ => purpose.ToString(),
    };

    private static string Rpc(DossierAction action) => action switch
    {
        DossierAction.Accept => "AcceptDossier",
        DossierAction.Forward => "ForwardDossier",
        DossierAction.Transfer => "TransferDossier",
        DossierAction.Stop => "StopProcessing",
        DossierAction.Withdraw => "WithdrawDossier",
        DossierAction.Rate => "RateDossier",
        DossierAction.LookupPinIssued => "IssueLookupPin",
        DossierAction.AttachDocument => "UploadDocument",
        DossierAction.Assign => "AssignDossier",
        _ => action.ToString(),
    };

    private static string States(IEnumerable<DossierState> states)
    {
        var codes = states.Select(s => (int)s).Order().ToList();
        return codes.Count == 10 ? "any" : string.Join(", ", codes);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DossierTracking.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (DossierTracking.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
