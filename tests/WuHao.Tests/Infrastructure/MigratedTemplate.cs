using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WuHao.Web.Data;

namespace WuHao.Tests.Infrastructure;

/// <summary>
/// One database per engine, migrated by the real migrations once per test run; each factory's database starts as a
/// copy of it (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL) instead of running every migration
/// again. The app still runs its own migration step at start (Database:MigrateOnStart), which finds nothing pending,
/// and creates its key ring, roles and indicator templates itself, as on a freshly migrated database.
/// </summary>
public static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> SqliteFile = new(MigrateSqliteAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<Task<string>> PostgresDatabase = new(MigratePostgresAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Puts a copy of the migrated SQLite database at <paramref name="file"/>.</summary>
    public static async Task CopySqliteAsync(string file) => File.Copy(await SqliteFile.Value, file, overwrite: true);

    /// <summary>Creates the PostgreSQL database <paramref name="name"/> as a copy of the migrated one; returns its connection string.</summary>
    public static async Task<string> CreatePostgresAsync(string name) => await PostgresCluster.CreateDatabaseAsync(name, await PostgresDatabase.Value);

    private static async Task<string> MigrateSqliteAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"wuhao-test-{Environment.ProcessId}-template.db"));
        File.Delete(file);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);

        // As DatabaseSetup configures the app's context; no pooling, so that the file is closed when the copies are made.
        var connection = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;
        await using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options))
        {
            await db.Database.MigrateAsync();
        }

        return file;
    }

    private static async Task<string> MigratePostgresAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"wuhao_template_{Environment.ProcessId}");
        var connection = new NpgsqlConnectionStringBuilder(await PostgresCluster.CreateDatabaseAsync(name)) { Pooling = false }.ConnectionString;

        // As DatabaseSetup configures the app's context (the same migrations history table).
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")).Options))
        {
            await db.Database.MigrateAsync();
        }

        return name;
    }
}
