namespace DossierTracking.Grains.Dossiers;

/// <summary>The persisted slot of a dossier grain: empty until the dossier is created.</summary>
[GenerateSerializer, Alias("dvc.DossierSlot")]
public sealed class DossierSlot
{
    [Id(0)] public DossierRecord? Dossier { get; set; }
}
