using Mailroom.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mailroom.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for Sqlite without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MailroomDbContext>
{
    public MailroomDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MailroomDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new MailroomDbContext(options.Options);
    }
}
