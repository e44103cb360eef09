using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>A progress column with the phase's calls so far, its rate over the last second and its errors so far.</summary>
public sealed class LiveStatsColumn : ProgressColumn
{
    public const string CallsKey = "calls";
    public const string RateKey = "rate";
    public const string ErrorsKey = "errors";

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var calls = task.State.Get<long>(CallsKey);
        var rate = task.State.Get<double>(RateKey);
        var errors = task.State.Get<long>(ErrorsKey);
        var errorStyle = errors == 0 ? "green" : "red";
        return new Markup(string.Create(
            CultureInfo.InvariantCulture,
            $"{calls,11:N0} calls {rate,9:N0}/s [{errorStyle}]{errors,7:N0} errors[/]"));
    }
}
