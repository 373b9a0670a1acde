using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Data.Interceptors;

namespace WuHao.Web.Infrastructure;

/// <summary>Settings of section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>"Sqlite" (embedded, the default) or "PostgreSQL".</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Apply migrations at start. Default: yes for SQLite, no for PostgreSQL (use the migrate command).</summary>
    public bool? MigrateOnStart { get; set; }

    public bool IsPostgres => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
}

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/wuhao.db";

    public static void AddWuHaoDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddScoped<AuditInterceptor>();
        if (options.IsPostgres)
        {
            var cs = builder.Configuration.GetConnectionString(DatabaseOptions.PostgreSql)
                ?? throw new InvalidOperationException("Database:Provider is PostgreSQL but ConnectionStrings:PostgreSQL is not set.");
            cs = WithoutJit(cs);
            builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o
                .UseNpgsql(cs, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
        }
        else
        {
            var cs = builder.Configuration.GetConnectionString(DatabaseOptions.Sqlite) ?? DefaultSqlite;
            EnsureFolder(cs);
            builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite(cs)
                .AddInterceptors(sp.GetRequiredService<AuditInterceptor>()));
        }
    }

    /// <summary>
    /// The connection string with PostgreSQL's JIT compilation off (<c>Options=-c jit=off</c>) unless it sets
    /// <c>Options</c> itself. The app's queries are short; their correlated sub-selects give estimated costs above the
    /// JIT thresholds, and compiling then took 1–4 s of a query that runs in 0.1 s (the 五老 measures, issue 12).
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c jit=off";
        }

        return builder.ConnectionString;
    }

    /// <summary>Migrates when configured to (and sets SQLite to WAL); returns whether it migrated.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    private static void EnsureFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && file != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
