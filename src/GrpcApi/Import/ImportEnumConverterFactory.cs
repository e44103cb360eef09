using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DossierTracking.GrpcApi.Import;

/// <summary>
/// Enum words of an export line: exactly one upper snake-case name (any case), never a number and never a list. The
/// serializer's own enum converter reads "A, B" as the two values combined, which would turn two channels into a third.
/// </summary>
internal sealed class ImportEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly FrozenDictionary<string, T> Names = Enum.GetValues<T>()
            .ToFrozenDictionary(v => JsonNamingPolicy.SnakeCaseUpper.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Names.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new JsonException("Not one of the documented words.", null, null, null, new FormatException());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString()));
    }
}
