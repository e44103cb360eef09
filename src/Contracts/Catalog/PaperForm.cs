namespace DossierTracking.Contracts.Catalog;

/// <summary>In what form a paper of a dossier must be given (hình thức của thành phần hồ sơ).</summary>
public enum PaperForm
{
    Unspecified = 0,
    /// <summary>The original (bản chính), kept by the agency.</summary>
    Original = 1,
    /// <summary>A certified copy (bản sao có chứng thực), or a copy issued from the master register.</summary>
    CertifiedCopy = 2,
    /// <summary>A plain copy or scan (bản sao, bản chụp); online, the uploaded scan is enough.</summary>
    Scan = 3,
    /// <summary>A copy shown with its original for comparison (bản sao kèm bản chính để đối chiếu); the original goes back to the applicant.</summary>
    CopyWithOriginal = 4,
}
