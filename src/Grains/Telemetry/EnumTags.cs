using System.Text;

namespace DossierTracking.Grains.Telemetry;

/// <summary>
/// One metric tag per value of an enum, built once (<c>RequestSupplement</c> becomes <c>request_supplement</c>), so
/// that a measurement on a hot path takes a ready tag instead of formatting a string.
/// </summary>
internal sealed class EnumTags<TEnum> where TEnum : struct, Enum
{
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly KeyValuePair<string, object?> _other;

    public EnumTags(string key)
    {
        if (Enum.GetUnderlyingType(typeof(TEnum)) != typeof(int))
        {
            throw new ArgumentException($"{typeof(TEnum).Name} is not an int enum.");
        }

        var values = Enum.GetValues<TEnum>();
        var highest = values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture));
        _tags = new KeyValuePair<string, object?>[highest + 1];
        for (var i = 0; i <= highest; i++)
        {
            _tags[i] = new(key, Enum.IsDefined(typeof(TEnum), i) ? SnakeCase(Enum.GetName(typeof(TEnum), i)!) : "other");
        }

        _other = new(key, "other");
    }

    public KeyValuePair<string, object?> this[TEnum value]
    {
        get
        {
            var index = IndexOf(value);
            return (uint)index < (uint)_tags.Length ? _tags[index] : _other;
        }
    }

    private static int IndexOf(TEnum value) => System.Runtime.CompilerServices.Unsafe.As<TEnum, int>(ref value);

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
