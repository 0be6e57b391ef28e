using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace TaskChat.Web.Hosting;

internal static class RootAppSettings
{
    /// <summary>
    /// Reads the repository's one appsettings.json (copied beside the binaries at build) in the
    /// place the default content-root file would take, so environment variables and the command
    /// line still override it.
    /// </summary>
    public static void UseRootAppSettings(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var contentRootFile = sources.OfType<JsonConfigurationSource>().FirstOrDefault(s => s.Path == "appsettings.json");
        var index = contentRootFile is null ? 0 : sources.IndexOf(contentRootFile);
        sources.Insert(index, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            ReloadOnChange = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
    }
}
