using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Time.Testing;
using WuHao.Web.Data;

namespace WuHao.Tests.Infrastructure;

/// <summary>Which engine a test class runs against.</summary>
public enum Engine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real app over HTTP, on its own fresh database migrated by the real migrations (a copy of one migrated once per
/// test run, <see cref="MigratedTemplate"/>), with a fake clock
/// (starting now) and every log line kept for inspection. One factory per test class; each test makes
/// its own units and accounts (<see cref="TestData"/>), so tests never see each other's records.
/// </summary>
public class WuHaoFactory : WebApplicationFactory<Program>
{
    private static int counter;
    private readonly string? sqliteFile;
    private string? connectionString;

    public WuHaoFactory() : this(Engine.Sqlite)
    {
    }

    protected WuHaoFactory(Engine engine, bool seedDemo = false)
    {
        Engine = engine;
        SeedDemo = seedDemo;

        // As in production behind TLS: the login and antiforgery cookies are Secure outside Development.
        ClientOptions.BaseAddress = new Uri("https://localhost");
        if (engine == Engine.Sqlite)
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"wuhao-test-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}.db");
            connectionString = $"Data Source={sqliteFile}";
        }
    }

    /// <summary>
    /// Another app instance on a database and key folder that another factory also uses (several instances on one
    /// database, R-8.3); the database is neither created nor deleted by this factory.
    /// </summary>
    protected WuHaoFactory(Engine engine, string sharedConnectionString, string sharedKeyDirectory) : this(engine)
    {
        sqliteFile = null;
        connectionString = sharedConnectionString;
        KeyDirectory = sharedKeyDirectory;
    }

    public Engine Engine { get; }

    /// <summary>The factory's own folder for the key file that encrypts the key ring (Keys:Directory, ADR-006).</summary>
    public string KeyDirectory { get; } = Path.Combine(Path.GetTempPath(), $"wuhao-test-keys-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public bool SeedDemo { get; }
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public ConcurrentQueue<string> Logs { get; } = new();
    public string ConnectionString => connectionString ?? throw new InvalidOperationException("not started");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Engine == Engine.Postgres && connectionString is null)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"wuhao_test_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}");
            connectionString = MigratedTemplate.CreatePostgresAsync(name).GetAwaiter().GetResult();
        }
        else if (sqliteFile is not null && !File.Exists(sqliteFile))
        {
            MigratedTemplate.CopySqliteAsync(sqliteFile).GetAwaiter().GetResult();
        }

        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Engine == Engine.Postgres ? "PostgreSQL" : "Sqlite");
        builder.UseSetting($"ConnectionStrings:{(Engine == Engine.Postgres ? "PostgreSQL" : "Sqlite")}", connectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Demo:Seed", SeedDemo ? "true" : "false");
        builder.UseSetting("Keys:Directory", KeyDirectory);

        // Every test logs in from the same address: the login limits are tested by classes that lower them.
        builder.UseSetting("Login:PermitsPerAddress", "1000000");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        }));
        // The queue keeps every line (the command-count tests read it); the console gets warnings only. Echoing
        // each SQL command to the console wrote about 480 MB into the test results and cost minutes of CPU.
        builder.ConfigureLogging(l => l.AddProvider(new QueueLoggerProvider(Logs))
            .AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning));
        builder.ConfigureServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Time);
            s.AddSingleton<IStartupFilter, ClientAddressFilter>();
            if (Engine == Engine.Sqlite)
            {
                s.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(SqliteWithoutSync.Instance));
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(KeyDirectory))
        {
            Directory.Delete(KeyDirectory, recursive: true);
        }

        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(f);
            }
        }
    }
}

public sealed class SqliteFactory() : WuHaoFactory(Engine.Sqlite);

public sealed class PostgresFactory() : WuHaoFactory(Engine.Postgres);

public sealed class DemoFactory() : WuHaoFactory(Engine.Sqlite, seedDemo: true);

/// <summary>A SQLite factory with settings of its own, e.g. a limit lowered for the test class that tests it.</summary>
public abstract class SqliteFactoryWith(params (string Key, string Value)[] settings) : WuHaoFactory(Engine.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>
/// A test database need not survive a power cut: each SQLite connection of the app under test skips the fsync of every
/// commit (PRAGMA synchronous=OFF), as the PostgreSQL test cluster runs with fsync off. With the default (FULL) each
/// commit waited 2–5 ms for the disk, and building one <see cref="TestData"/> world alone commits about a hundred times.
/// The pragma is sent on the connection itself, outside EF's command log, so the command-count tests do not see it.
/// </summary>
public sealed class SqliteWithoutSync : DbConnectionInterceptor
{
    public static readonly SqliteWithoutSync Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=OFF;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=OFF;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>The in-memory test server has no client address; give requests the one a loopback client would have.</summary>
public sealed class ClientAddressFilter : IStartupFilter
{
    public static readonly System.Net.IPAddress Address = System.Net.IPAddress.Parse("127.0.0.2");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= Address;
            await nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>Keeps every formatted log line, so tests can check what the logs hold.</summary>
public sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class QueueLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (lines.Count < 200_000)
            {
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
