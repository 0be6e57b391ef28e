using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TaskChat.Core;

public static class ValidatedOptions
{
    /// <summary>
    /// Registers <typeparamref name="T"/> bound to <paramref name="section"/>, checked by its data
    /// annotations when the host starts, and returns it bound and checked now: some settings (the
    /// database, Redis, Identity's lockout) are needed while services are still being built, and a
    /// bad one must stop the start-up with the key named rather than surface later.
    /// </summary>
    /// <param name="configure">Fills what does not come from the section (e.g. a connection string).</param>
    public static T AddValidatedOptions<T>(this IServiceCollection services, IConfiguration section, Action<T>? configure = null)
        where T : class, new()
    {
        var options = services.AddOptions<T>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null) options.Configure(configure);

        var now = section.Get<T>() ?? new T();
        configure?.Invoke(now);
        var result = new DataAnnotationValidateOptions<T>(Options.DefaultName).Validate(Options.DefaultName, now);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures);
        return now;
    }
}
