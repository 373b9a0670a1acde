using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;

namespace WuHao.Tests.Data;

/// <summary>R-8.3: each engine's migrations match the model, and a fresh database is migrated to the end.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_SQLite_migrations_have_no_pending_model_changes()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --project src/WuHao.Web --context SqliteAppDbContext --output-dir Data/Migrations/Sqlite");
    }

    [Fact]
    public void The_PostgreSQL_migrations_have_no_pending_model_changes()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --project src/WuHao.Web --context PostgresAppDbContext --output-dir Data/Migrations/Postgres");
    }

    [Fact]
    public void The_two_migration_sets_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}

public abstract class MigratedDatabaseTests(WuHaoFactory factory)
{
    [Fact]
    public async Task A_fresh_database_is_migrated_to_the_last_migration_and_answers_health_checks()
    {
        var health = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(factory.Engine == Engine.Postgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
    }
}

public sealed class MigratedSqlite(SqliteFactory factory) : MigratedDatabaseTests(factory), IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task SQLite_runs_in_WAL_mode()
    {
        _ = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}

public sealed class MigratedPostgres(PostgresFactory factory) : MigratedDatabaseTests(factory), IClassFixture<PostgresFactory>;
