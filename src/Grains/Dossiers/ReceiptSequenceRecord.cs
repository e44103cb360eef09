using DossierTracking.Domain.Dossiers;

namespace DossierTracking.Grains.Dossiers;

/// <summary>The highest receipt number reserved so far for one desk and day.</summary>
[GenerateSerializer, Alias("dvc.ReceiptSequenceRecord")]
public sealed class ReceiptSequenceRecord
{
    [Id(0)] public long Reserved { get; set; }
}
