using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.UnitTests.Dossiers;

public sealed class ReceiptCodeTests
{
    [Fact]
    public void Formats_unit_date_and_a_zero_padded_sequence()
    {
        Assert.Equal("H49.22-201021-0001", ReceiptCode.Format("H49.22", new DateOnly(2020, 10, 21), 1));
        Assert.Equal("H49.193.06649-201021-12345", ReceiptCode.Format("H49.193.06649", new DateOnly(2020, 10, 21), 12345));
    }

    [Fact]
    public void Parses_what_it_formats()
    {
        Assert.True(ReceiptCode.TryParse("000.00.22.H49-201021-0042", out var unit, out var date, out var seq));
        Assert.Equal("000.00.22.H49", unit);
        Assert.Equal(new DateOnly(2020, 10, 21), date);
        Assert.Equal(42, seq);
    }

    [Theory]
    [InlineData("")]
    [InlineData("H49.22-201021-001")]    // fewer than four digits
    [InlineData("H49.22-201321-0001")]   // month 13
    [InlineData("h49.22-201021-0001")]   // lower case
    [InlineData("H49.22-201021-0000")]   // sequences start at 1
    [InlineData("H49.22 -201021-0001")]
    [InlineData("H49..22-201021-0001")]
    [InlineData("20235")]
    [InlineData("H49.22-201021-0001\n")] // a final line break (a regex "$" would let it through)
    public void Refuses_malformed_codes(string text)
    {
        Assert.False(ReceiptCode.IsValid(text));
    }

    [Theory]
    [InlineData("20235")]
    [InlineData("020235")]
    [InlineData("abc+def")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public void Grain_keys_never_look_like_hexadecimal_numbers(string id)
    {
        // The ADO.NET provider stores hex-looking string keys as integers; every key built here has a non-hex prefix.
        foreach (var key in new[] { GrainKeys.Submission(new Actor { Party = Party.Portal, PersonId = id }, id), GrainKeys.ReceiptSequence("H49.50", new DateOnly(2020, 10, 21)) })
        {
            var head = key.Split('+')[0];
            Assert.False(long.TryParse(head, System.Globalization.NumberStyles.HexNumber, null, out _), key);
            Assert.False(Guid.TryParseExact(head, "N", out _), key);
        }
    }
}
