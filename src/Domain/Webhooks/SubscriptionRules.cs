using System.Collections.Immutable;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Feed;
using DossierTracking.Contracts.Webhooks;
using DossierTracking.Domain.Dossiers;

namespace DossierTracking.Domain.Webhooks;

/// <summary>
/// What a webhook subscription may be and which changes it receives. Endpoints are HTTPS: a change names a citizen's
/// dossier, so it never travels in clear text, except to the machine itself (a relay or a test receiver on loopback).
/// </summary>
public static class SubscriptionRules
{
    public const int MaxNameLength = 100;
    public const int MaxEndpointLength = 2000;
    public const int MaxFilterValues = 100;
    public const int MaxCodeLength = 64;
    /// <summary>Subscriptions a deployment may hold: each one reads the whole feed, so their number bounds the feed's read load.</summary>
    public const int MaxSubscriptions = 100;

    public static Failure? Validate(SubscriptionDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > MaxNameLength)
        {
            return Failures.Invalid("name", "NAME_REQUIRED", $"name must be 1 to {MaxNameLength} characters (the partner who receives the changes).");
        }

        if (EndpointProblem(definition.Endpoint) is { } problem)
        {
            return Failures.Invalid("endpoint", "ENDPOINT_INVALID", problem);
        }

        if (definition.StartAfterPosition is < 0)
        {
            return Failures.Invalid("start_after_position", "NEGATIVE_POSITION", "start_after_position must not be negative (0 sends every change from the start).");
        }

        var filter = definition.Filter;
        return Codes("filter.desk_codes", filter.DeskCodes)
            ?? Codes("filter.agency_codes", filter.AgencyCodes)
            ?? Codes("filter.procedure_codes", filter.ProcedureCodes)
            ?? Values("filter.actions", filter.Actions, a => a != DossierAction.Unspecified && Enum.IsDefined(a))
            ?? Values("filter.states", filter.States, s => s != DossierState.None && Enum.IsDefined(s));
    }

    /// <summary>Whether a committed change passes the filter. A change whose dossier state is gone has no action nor state: it passes only a filter that asks for neither.</summary>
    public static bool Matches(SubscriptionFilter filter, FeedChange change)
    {
        if (change.Imported && !filter.IncludeImported)
        {
            return false;
        }

        if (!Allows(filter.DeskCodes, change.ReceivingDeskCode)
            || !Allows(filter.AgencyCodes, change.Entry?.AgencyCode ?? change.HandlingAgencyCode)
            || !Allows(filter.ProcedureCodes, change.ProcedureCode))
        {
            return false;
        }

        if (change.Entry is not { } entry)
        {
            return filter.Actions.IsDefaultOrEmpty && filter.States.IsDefaultOrEmpty;
        }

        return Allows(filter.Actions, entry.Action) && Allows(filter.States, entry.ToState);
    }

    private static bool Allows<T>(ImmutableArray<T> values, T value) => values.IsDefaultOrEmpty || values.Contains(value);

    private static string? EndpointProblem(string endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint) || endpoint.Length > MaxEndpointLength)
        {
            return $"endpoint must be an absolute https URL of at most {MaxEndpointLength} characters.";
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return "endpoint must be an absolute https URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "endpoint must not carry a user name or password; deliveries are signed with the subscription's secret instead.";
        }

        if (uri.Fragment.Length > 0)
        {
            return "endpoint must not have a fragment (#...).";
        }

        return uri.Scheme == "http" && !uri.IsLoopback
            ? "endpoint must use https; plain http is accepted only for a receiver on this machine (127.0.0.1, ::1 or localhost)."
            : null;
    }

    private static Failure? Codes(string field, ImmutableArray<string> codes)
    {
        if (codes.IsDefaultOrEmpty)
        {
            return null;
        }

        if (codes.Length > MaxFilterValues)
        {
            return Failures.Invalid(field, "TOO_MANY_FILTER_VALUES", $"{field} may name at most {MaxFilterValues} codes.");
        }

        return codes.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > MaxCodeLength)
            ? Failures.Invalid(field, "FILTER_VALUE_INVALID", $"{field} holds an empty code or one longer than {MaxCodeLength} characters.")
            : null;
    }

    private static Failure? Values<T>(string field, ImmutableArray<T> values, Func<T, bool> known)
    {
        if (values.IsDefaultOrEmpty)
        {
            return null;
        }

        if (values.Length > MaxFilterValues)
        {
            return Failures.Invalid(field, "TOO_MANY_FILTER_VALUES", $"{field} may name at most {MaxFilterValues} values.");
        }

        return values.All(known) ? null : Failures.Invalid(field, "FILTER_VALUE_INVALID", $"{field} holds an unspecified or unknown value.");
    }
}
