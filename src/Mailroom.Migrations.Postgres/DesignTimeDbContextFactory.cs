using Mailroom.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mailroom.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for Postgres without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MailroomDbContext>
{
    public MailroomDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MailroomDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Postgres, "Host=127.0.0.1;Database=mailroom_design");
        return new MailroomDbContext(options.Options);
    }
}
