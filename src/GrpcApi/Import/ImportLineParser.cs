using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Import;

namespace DossierTracking.GrpcApi.Import;

/// <summary>
/// Reads one export line (docs/import.md) into an <see cref="ImportedDossier"/>, or says what is wrong with its form:
/// not JSON, a field missing, unknown or of the wrong type, an enum word or a time not as documented. Whether the
/// dossier makes sense (codes, catalogue, lifecycle) is the domain's to say.
/// </summary>
public static class ImportLineParser
{
    /// <summary>The longest line read, in UTF-8 bytes.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        MaxDepth = 8,
        Converters = { new ImportEnumConverterFactory(), new StrictTimeConverter() },
    };

    /// <returns>The dossier, or null and the problem.</returns>
    public static (ImportedDossier? Dossier, ImportProblemInfo? Problem) Parse(long line, string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > MaxLineBytes)
        {
            return (null, new ImportProblemInfo(line, "", "LINE_TOO_LONG", $"The line is longer than {MaxLineBytes / 1024} KiB."));
        }

        ImportLineDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ImportLineDocument>(json, Options);
        }
        catch (JsonException e)
        {
            return (null, new ImportProblemInfo(line, FieldOf(e.Path), "INVALID_JSON", Describe(e)));
        }

        if (document is null)
        {
            return (null, new ImportProblemInfo(line, "", "INVALID_JSON", "The line is not a JSON object."));
        }

        for (var i = 0; i < document.History.Count; i++)
        {
            if (document.History[i] is not { Actor: not null })
            {
                return (null, new ImportProblemInfo(line, $"history[{i}]", "INVALID_JSON", "A history entry must be an object with an actor."));
            }
        }

        var dossier = new ImportedDossier
        {
            Line = line,
            SourceId = document.SourceId,
            ReceiptCode = document.ReceiptCode,
            ProcedureCode = document.ProcedureCode,
            ReceivingDeskCode = document.ReceivingDesk,
            Channel = document.Channel,
            Applicant = new Applicant
            {
                Kind = document.Applicant.Kind,
                FullName = document.Applicant.FullName,
                IdNumber = document.Applicant.IdNumber,
                Phone = document.Applicant.Phone,
                Email = document.Applicant.Email,
                Address = document.Applicant.Address,
            },
            State = document.State,
            Result = document.Result,
            ReturnMethod = document.ReturnMethod,
            DueAt = document.DueAt,
            History = [.. document.History.Select(e => new ImportedEntry
            {
                At = e.At,
                Action = e.Action,
                ToState = e.ToState,
                AgencyCode = e.Agency,
                Actor = new Actor { Party = e.Actor.Party, PersonId = e.Actor.Id, PersonName = e.Actor.Name, AgencyCode = e.Actor.Unit },
                Note = e.Note,
            })],
            // Of the content, not the text: a re-export with other spacing or field order is the same line.
            Fingerprint = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(document, Options)), 0, 16),
        };
        return (dossier, null);
    }

    /// <summary>"$.history[3].at" as "history[3].at".</summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The serializer's message without its internal type names, which mean nothing to the author of an export.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var start = message.IndexOf("properties including:", StringComparison.Ordinal);
            return start < 0 ? "A required field is missing." : "Required fields are missing: " + message[(start + "properties including:".Length)..].Trim().TrimEnd('.');
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "An unknown field (see docs/import.md for the schema).";
        }

        if (e.InnerException is FormatException || message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "The value is not of the documented type or word (see docs/import.md).";
        }

        return "The line is not valid JSON.";
    }

    /// <summary>Times must carry their offset: a time without one would be read in the server's zone.</summary>
    private sealed class StrictTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A time must be a string.");
            var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
            if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            {
                throw new JsonException("A time must be ISO 8601 with an offset.", null, null, null, new FormatException());
            }

            return moment;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("o", CultureInfo.InvariantCulture));
    }
}
