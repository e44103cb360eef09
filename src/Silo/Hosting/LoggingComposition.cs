using System.Text.Encodings.Web;
using Microsoft.Extensions.Logging.Console;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Console logs as text (the default) or as one JSON object a line with <c>Logging:Console:FormatterName=json</c>
/// (environment <c>Logging__Console__FormatterName=json</c>), ASP.NET Core's own JSON formatter, for log shippers.
/// Its defaults here: UTC timestamps in ISO 8601 with the offset, and Vietnamese text written as it is rather than
/// as \u escapes, so that a person reading the shipped lines can search them. Both can be changed under
/// <c>Logging:Console:FormatterOptions</c>.
/// </summary>
public static class LoggingComposition
{
    public static ILoggingBuilder AddDossierLogFormats(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var formatterOptions = configuration.GetSection("Logging:Console:FormatterOptions");
        logging.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffzzz";
            if (formatterOptions["UseUtcTimestamp"] is null)
            {
                o.UseUtcTimestamp = true;
            }

            // Relaxed escaping is safe in a log line (not HTML): quotes and control characters are still escaped, so
            // one entry stays one line.
            var writer = o.JsonWriterOptions;
            writer.Encoder ??= JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.JsonWriterOptions = writer;
        });
        return logging;
    }
}
