using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Reads one section of settings and checks it, the same way for every section: a value that does not convert (a
/// typo such as <c>Postal__ResultReturnedAt=Delivered</c>) and a value a validator refuses both stop start-up with
/// <see cref="OptionsValidationException"/> naming the setting, which the host prints as "Cannot start: ...".
/// </summary>
public static class Settings
{
    public static T Bind<T>(IConfiguration configuration, string section, T options, params IValidateOptions<T>[] validators)
        where T : class
    {
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(section, typeof(T), [$"{section}: {e.Message}"]);
        }

        foreach (var validator in validators)
        {
            var result = validator.Validate(null, options);
            if (result.Failed)
            {
                throw new OptionsValidationException(section, typeof(T), result.Failures);
            }
        }

        return options;
    }

    /// <summary>Binds and checks a section, and registers the result as <see cref="IOptions{TOptions}"/>.</summary>
    public static T AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section, T options, params IValidateOptions<T>[] validators)
        where T : class
    {
        var bound = Bind(configuration, section, options, validators);
        services.AddSingleton(Options.Create(bound));
        return bound;
    }
}
