using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Data;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Keeps the Data Protection key ring in the database under one application name, so that every node
    /// reads the others' cookies, bearer tokens, antiforgery tokens and encrypted account passwords.
    /// </summary>
    public static IServiceCollection AddMailroomDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("Mailroom")
            .PersistKeysToDbContext<MailroomDbContext>();
        return services;
    }
}
