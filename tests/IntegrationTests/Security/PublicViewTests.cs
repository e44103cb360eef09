using DossierTracking.GrpcApi.Mapping;
using DossierTracking.GrpcApi.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>
/// The public view is an allow-list: every field of the Dossier message, and of every message inside it, is classified
/// public or private, and a view made from a record with every field set carries only public ones.
/// </summary>
public sealed class PublicViewTests
{
    private static IEnumerable<MessageDescriptor> Reachable(MessageDescriptor root)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<MessageDescriptor>([root]);
        while (pending.TryPop(out var message))
        {
            if (!seen.Add(message.FullName))
            {
                continue;
            }

            yield return message;
            foreach (var field in message.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message))
            {
                pending.Push(field.MessageType);
            }
        }
    }

    [Fact]
    public void Every_field_of_a_dossier_is_classified_public_or_private()
    {
        var unclassified = new List<string>();
        foreach (var message in Reachable(Dossier.Descriptor))
        {
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                var isPublic = PublicFields.Public.TryGetValue(message.FullName, out var pub) && pub.Contains(field.Name);
                var isPrivate = PublicFields.Private.TryGetValue(message.FullName, out var priv) && priv.Contains(field.Name);
                if (isPublic == isPrivate)
                {
                    unclassified.Add($"{message.FullName}.{field.Name}");
                }
            }
        }

        Assert.True(unclassified.Count == 0, "classify these fields in PublicFields (public xor private): " + string.Join(", ", unclassified));
    }

    [Fact]
    public void A_public_view_of_a_record_with_every_field_set_carries_only_public_fields()
    {
        var full = (Dossier)Filled(Dossier.Descriptor, depth: 0);
        var view = PublicDossierView.From(full);
        var leaks = new List<string>();
        Walk(view, leaks);
        Assert.True(leaks.Count == 0, "private fields in the public view: " + string.Join(", ", leaks));

        // And it is not empty: the public fields made it through (the name masked).
        Assert.Equal(full.ReceiptCode, view.ReceiptCode);
        Assert.Equal(full.History.Count, view.History.Count);
        Assert.NotEqual(full.Applicant.FullName, view.Applicant.FullName);
        Assert.True(view.Applicant.FullName.Length > 0);
    }

    private static void Walk(IMessage message, List<string> leaks)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var value = field.Accessor.GetValue(message);
            var set = field.IsRepeated ? ((System.Collections.IList)value).Count > 0 : !IsDefault(value);
            if (!set)
            {
                continue;
            }

            if (!(PublicFields.Public.TryGetValue(message.Descriptor.FullName, out var pub) && pub.Contains(field.Name)))
            {
                leaks.Add($"{message.Descriptor.FullName}.{field.Name}");
                continue;
            }

            if (field.FieldType == FieldType.Message)
            {
                foreach (var child in field.IsRepeated ? ((System.Collections.IList)value).Cast<IMessage>() : [(IMessage)value])
                {
                    Walk(child, leaks);
                }
            }
        }
    }

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        System.Enum e => Convert.ToInt32(e) == 0,
        _ => false,
    };

    /// <summary>A message with every field set to a non-default value, nested messages and lists included.</summary>
    private static IMessage Filled(MessageDescriptor descriptor, int depth)
    {
        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            var value = field.FieldType switch
            {
                FieldType.String => (object)("x-" + field.Name + " Văn An"),
                FieldType.Bool => true,
                FieldType.Int32 or FieldType.SInt32 or FieldType.UInt32 => 7,
                FieldType.Int64 or FieldType.SInt64 or FieldType.UInt64 => 7L,
                FieldType.Enum => field.EnumType.Values.Last().Number,
                FieldType.Message when depth < 4 => Filled(field.MessageType, depth + 1),
                _ => null,
            };
            if (value is null)
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                list.Add(field.FieldType == FieldType.Enum ? System.Enum.ToObject(field.EnumType.ClrType, value) : value);
                list.Add(field.FieldType == FieldType.Message ? Filled(field.MessageType, depth + 1) : field.FieldType == FieldType.Enum ? System.Enum.ToObject(field.EnumType.ClrType, value) : value);
            }
            else
            {
                field.Accessor.SetValue(message, field.FieldType == FieldType.Enum ? System.Enum.ToObject(field.EnumType.ClrType, value) : value);
            }
        }

        return message;
    }
}
