using Microsoft.AspNetCore.DataProtection;

namespace Mailroom.Web.Hosting;

/// <summary>
/// Loads the Data Protection key ring from the database once the app listens, not before. ASP.NET Core's own
/// warm-up is a hosted service that runs before Kestrel starts, so every start waited for a database query and
/// XML decryption; now /healthz answers first, and a request that needs the ring meanwhile loads it itself.
/// </summary>
internal sealed partial class KeyRingWarmUp(IHostApplicationLifetime lifetime, IDataProtectionProvider protection, ILogger<KeyRingWarmUp> logger) : IHostedService
{
    // The type ASP.NET Core registers for its warm-up (Microsoft.AspNetCore.DataProtection.Internal, not public).
    private const string FrameworkWarmUp = "DataProtectionHostedService";

    public static void ReplaceFrameworkWarmUp(IServiceCollection services)
    {
        var framework = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == FrameworkWarmUp).ToList();
        foreach (var descriptor in framework)
        {
            services.Remove(descriptor);
        }

        services.AddHostedService<KeyRingWarmUp>();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(Load, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Load()
    {
        try
        {
            // Protecting anything reads (or, on a new database, creates) the current key.
            protection.CreateProtector(nameof(KeyRingWarmUp)).Protect([]);
        }
#pragma warning disable CA1031 // A failed warm-up only means the first request that needs the ring loads it and reports the error itself.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the Data Protection key ring after start failed; the first request that needs it will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
