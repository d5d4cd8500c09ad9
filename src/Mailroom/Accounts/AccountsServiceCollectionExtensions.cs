using Mailroom.Accounts.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Accounts;

internal static class AccountsServiceCollectionExtensions
{
    /// <summary>POP3 accounts: test, manage, health. Needs AddMailroomDatabase, AddMailroomNetwork, AddMailroomSystemMail and Data Protection.</summary>
    public static IServiceCollection AddMailroomAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SupportOptions>().BindConfiguration(SupportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccountLinksOptions>();
        services.AddSingleton(KnownProviderDirectory.LoadBundled());
        services.AddSingleton<Pop3PasswordProtector>();
        services.AddSingleton<TestApprovals>();
        services.AddSingleton<AccountTestGuidance>();
        services.AddSingleton<Pop3AccountTester>();
        services.AddScoped<Pop3AccountService>();
        services.AddScoped<AccountTroubles>();
        services.AddScoped<AccountHealth>();
        services.AddScoped<AccountDisabledNotifier>();
        return services;
    }
}
