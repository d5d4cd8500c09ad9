using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Sending.SystemMail;

internal static class SystemMailServiceCollectionExtensions
{
    public static IServiceCollection AddMailroomSystemMail(this IServiceCollection services)
    {
        services.AddOptions<SystemMailOptions>().BindConfiguration(SystemMailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ISystemMailSender, SystemMailSender>();
        return services;
    }
}
