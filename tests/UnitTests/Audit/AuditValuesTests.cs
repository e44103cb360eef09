using DossierTracking.Contracts.Audit;

namespace DossierTracking.UnitTests.Audit;

/// <summary>
/// What reaches the audit from a request or a token: targets only when well formed, every other text escaped and
/// capped, so no line break, control character or megabyte of input reaches a log line or a row.
/// </summary>
public sealed class AuditValuesTests
{
    private const string Code = "H49.50-201019-0001";

    [Theory]
    [InlineData("receipt_code", Code, Code, Code)]
    [InlineData("payment_request_id", Code + "/1", Code + "/1", Code)]
    [InlineData("tracking_number", Code + "-P2", Code + "-P2", Code)]
    [InlineData("agency_code", "H49.50", "H49.50", "")]
    [InlineData("agency_code", "000.00.22.H49", "000.00.22.H49", "")]
    [InlineData("receipt_code", "", "", "")]
    public void A_well_formed_target_is_kept_with_its_dossier(string field, string value, string target, string dossier)
    {
        Assert.Equal(target, AuditValues.Target(field, value, out var of));
        Assert.Equal(dossier, of);
    }

    [Theory]
    [InlineData("receipt_code", Code + "\r\nAUDIT forged role=admin")]
    [InlineData("receipt_code", Code + "\n")]
    [InlineData("receipt_code", "H49.50-201019")]
    [InlineData("receipt_code", "H49.50-201341-0001")] // no 41st of December
    [InlineData("receipt_code", "h49.50-201019-0001")]
    [InlineData("payment_request_id", Code + "/0")]
    [InlineData("payment_request_id", "not-a-code/1")]
    [InlineData("payment_request_id", Code + "/1\r\n")]
    [InlineData("tracking_number", Code + "-Q1")]
    [InlineData("tracking_number", "H49.50-P1")]
    [InlineData("agency_code", "H49.50\r\nx")]
    [InlineData("agency_code", "h49.50")]
    [InlineData("note", "anything")]
    public void A_malformed_target_is_recorded_as_invalid_and_names_no_dossier(string field, string value)
    {
        Assert.Equal(AuditValues.Invalid, AuditValues.Target(field, value, out var dossier));
        Assert.Equal("", dossier);
    }

    [Theory]
    [InlineData("receipt_code")]
    [InlineData("payment_request_id")]
    [InlineData("tracking_number")]
    [InlineData("agency_code")]
    public void A_megabyte_target_is_recorded_as_invalid(string field)
    {
        var huge = Code + new string('9', 1024 * 1024);
        Assert.Equal(AuditValues.Invalid, AuditValues.Target(field, huge, out _));
    }

    [Fact]
    public void Line_breaks_control_and_direction_characters_are_escaped()
    {
        Assert.Equal("mc-01\\u000D\\u000Arole\\u003Dadmin", AuditValues.Escape("mc-01\r\nrole=admin", 64));
        Assert.Equal("a\\u0000b\\u001Bc\\u202Ed", AuditValues.Escape("a\0b\u001bc\u202Ed", 64));
        Assert.Equal("cán-bộ_01@sở.xây.dựng", AuditValues.Escape("cán-bộ_01@sở.xây.dựng", 64));
    }

    [Fact]
    public void Long_text_is_cut_to_its_column_and_shows_it_was_cut()
    {
        var subject = AuditValues.Escape(new string('x', 1024 * 1024), AuditValues.MaxSubjectLength);
        Assert.Equal(AuditValues.MaxSubjectLength, subject.Length);
        Assert.EndsWith("...", subject, StringComparison.Ordinal);

        // Escapes are not split: a cut falls before the escape that would not fit.
        var escaped = AuditValues.Escape(new string('\n', 100), 20);
        Assert.Equal("\\u000A\\u000A...", escaped);
    }

    [Fact]
    public void An_entry_sanitises_every_value_and_links_each_dossier_once()
    {
        var at = new DateTimeOffset(2026, 11, 29, 20, 15, 1, 123, TimeSpan.FromHours(7)).AddTicks(4567);
        var listed = Enumerable.Range(1, 1500).Select(i => $"H49.50-201019-{i:D4}").Prepend(Code).Append("forged\r\n").ToList();
        var entry = AuditEntry.Create(at, "", "vnpay\nx", "H49.50\r\n", "/dvc.v1.AgencyService/ListAgencyDossiers\n", "receipt_code", Code,
            "OK", "REASON\r\n", "", listed);

        Assert.Equal(("anonymous", "vnpay\\u000Ax", "(invalid)", Code), (entry.Role, entry.Subject, entry.Unit, entry.Target));
        Assert.Equal("/dvc.v1.AgencyService/ListAgencyDossiers\\u000A", entry.Method);
        Assert.Equal("REASON\\u000D\\u000A", entry.Reason);
        Assert.Equal(TimeSpan.Zero, entry.At.Offset);
        Assert.Equal(at.UtcTicks - 7, entry.At.UtcTicks); // cut to the microsecond
        Assert.Equal(AuditEntry.MaxDossiers, entry.Dossiers.Count);
        Assert.Equal(entry.Dossiers.Count, entry.Dossiers.Distinct().Count());
        Assert.Equal(Code, entry.Dossiers[0]);
        Assert.DoesNotContain("forged\r\n", entry.Dossiers);
    }

    [Fact]
    public void Microsecond_times_go_to_and_from_their_number_unchanged()
    {
        var at = AuditValues.Time(DateTimeOffset.UtcNow);
        Assert.Equal(at, AuditValues.FromUnixMicroseconds(AuditValues.ToUnixMicroseconds(at)));
    }
}
