using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using DossierTracking.Contracts.Feed;
using DossierTracking.GrpcApi.Mapping;
using Google.Protobuf;

namespace DossierTracking.Silo.Webhooks;

/// <summary>
/// A committed change as a CloudEvents 1.0 event in the structured JSON format. The id is the receipt code and
/// version, so a change sent twice (at least once delivery) carries the same id both times; the type names the action
/// (<c>vn.gov.dvc.dossier.accept</c>); the subject is the receipt code; the data is the change as the change feed
/// gives it, in the proto JSON mapping (lowerCamelCase names, 64-bit numbers as strings, empty fields left out).
/// </summary>
public sealed class WebhookEvents(string source)
{
    public const string TypePrefix = "vn.gov.dvc.dossier.";
    public const string UnknownAction = "change";

    private static readonly JsonFormatter DataFormatter = new(JsonFormatter.Settings.Default);
    private readonly JsonEventFormatter _formatter = new();
    private readonly Uri _source = new(source, UriKind.RelativeOrAbsolute);

    public static string EventId(FeedChange change) => $"{change.ReceiptCode}/{change.Version}";

    public static string EventType(FeedChange change) =>
        TypePrefix + (change.Entry is { } entry ? JsonNamingPolicy.SnakeCaseLower.ConvertName(entry.Action.ToString()) : UnknownAction);

    /// <summary>The event's bytes and their content type.</summary>
    public (ReadOnlyMemory<byte> Body, ContentType ContentType) Encode(FeedChange change)
    {
        using var data = JsonDocument.Parse(DataFormatter.Format(FeedMapper.ToProto(change)));
        var cloudEvent = new CloudEvent
        {
            Id = EventId(change),
            Source = _source,
            Type = EventType(change),
            Subject = change.ReceiptCode,
            Time = change.CommittedAt,
            DataContentType = MediaTypeNames.Application.Json,
            Data = data.RootElement.Clone(),
        };
        var body = _formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (body, contentType);
    }
}
