using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.SenderAddresses;

internal static class SenderAddressesServiceCollectionExtensions
{
    /// <summary>Send Mail As: addresses, their routes and their verification. Needs AddMailroomSending.</summary>
    public static IServiceCollection AddMailroomSenderAddresses(this IServiceCollection services)
    {
        services.AddOptions<SenderAddressesOptions>().BindConfiguration(SenderAddressesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<VerificationLinks>();
        services.AddSingleton<VerificationMailer>();
        services.AddScoped<AddressVerification>();
        services.AddScoped<SenderAddressService>();
        return services;
    }
}
