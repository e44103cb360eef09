namespace DossierTracking.LoadTests.Workload;

/// <summary>Reads the receiving desk out of a receipt code <c>{desk}-{yyMMdd}-{sequence}</c>.</summary>
public static class ReceiptCodes
{
    /// <summary>
    /// The sequence has four digits or more, so the desk is found from the right: the last two '-' separated parts
    /// are the date and the sequence. Desk codes use '.' and never '-'.
    /// </summary>
    public static string DeskOf(string receiptCode)
    {
        var sequenceDash = receiptCode.LastIndexOf('-');
        var dateDash = sequenceDash > 0 ? receiptCode.LastIndexOf('-', sequenceDash - 1) : -1;
        if (dateDash <= 0)
        {
            throw new FormatException($"'{receiptCode}' is not a receipt code of the form desk-yyMMdd-sequence.");
        }

        return receiptCode[..dateDash];
    }
}
