using DossierTracking.Domain.Dossiers;
using Orleans.Serialization;
using Orleans.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>The persisted slot of a dossier grain: empty until the dossier is created.</summary>
[GenerateSerializer, Alias("dvc.DossierSlot")]
public sealed class DossierSlot
{
    [Id(0)] public DossierRecord? Dossier { get; set; }

    /// <summary>The dossier in a stored grain-state payload, in the format the dossiers' storage provider writes.</summary>
    public static DossierRecord? FromPayload(Serializer serializer, byte[] payload) =>
        new OrleansGrainStorageSerializer(serializer).Deserialize<DossierSlot>(new BinaryData(payload))?.Dossier;
}
