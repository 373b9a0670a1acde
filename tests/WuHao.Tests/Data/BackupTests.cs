using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Cli;
using WuHao.Web.Data;

namespace WuHao.Tests.Data;

/// <summary>
/// R-8.4: `backup FILE` while the app runs and `restore FILE` into another database give back every record and
/// every evidence file byte for byte; restore refuses a database that is not empty unless --force is given.
/// </summary>
public abstract class BackupTests(WuHaoFactory source) : IDisposable
{
    private readonly List<string> files = [];

    [Fact]
    public async Task A_backup_taken_while_the_app_runs_restores_every_record_and_every_file_identically()
    {
        var data = await TestData.CreateAsync(source);
        var before = await SnapshotAsync(source);
        var fileHashes = await FileHashesAsync(source);
        Assert.True(before["StoredFileContents"].Count > 0, "the test data has evidence files");
        Assert.True(before["YouthCases"].Count > 0);

        var file = BackupFile();
        Assert.Equal(0, await RunAsync(source, "backup", file));
        Assert.True(new FileInfo(file).Length > 0);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        using var target = NewFactory();
        _ = target.CreateClient();
        Assert.Equal(0, await RunAsync(target, "restore", file));

        var after = await SnapshotAsync(target);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var table in before.Keys)
        {
            Assert.True(before[table].SequenceEqual(after[table]), $"table {table} differs after the round trip");
        }

        // Every evidence file, by id, has the same bytes (SHA-256) as in the database that was backed up.
        Assert.NotEmpty(fileHashes);
        Assert.Equal(fileHashes, await FileHashesAsync(target));
        Assert.Equal([$"{data.Prefix}-A1"], await UnitCodesAsync(target, $"{data.Prefix}-A1"));
    }

    private static async Task<Dictionary<int, string>> FileHashesAsync(WuHaoFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var contents = await db.FileContents.Select(c => new { c.Id, c.Data }).ToListAsync();
        return contents.ToDictionary(c => c.Id, c => Convert.ToHexStringLower(SHA256.HashData(c.Data)));
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_is_not_empty_unless_forced()
    {
        var sourceData = await TestData.CreateAsync(source);
        var file = BackupFile();
        Assert.Equal(0, await RunAsync(source, "backup", file));
        Assert.NotEqual(0, await RunAsync(source, "backup", file));

        using var target = NewFactory();
        var targetData = await TestData.CreateAsync(target);
        Assert.NotEqual(0, await RunAsync(target, "restore", file));
        Assert.Equal([$"{targetData.Prefix}-A1"], await UnitCodesAsync(target, "-A1"));

        Assert.Equal(0, await RunAsync(target, "restore", file, "--force"));
        var codes = await UnitCodesAsync(target, "-A1");
        Assert.Contains($"{sourceData.Prefix}-A1", codes);
        Assert.DoesNotContain($"{targetData.Prefix}-A1", codes);
    }

    public void Dispose()
    {
        foreach (var f in files)
        {
            File.Delete(f);
        }

        GC.SuppressFinalize(this);
    }

    protected abstract WuHaoFactory NewFactory();

    private static async Task<int> RunAsync(WuHaoFactory factory, params string[] args)
    {
        _ = factory.Services;
        return await Commands.Find(args)!(factory.Services, args);
    }

    private static async Task<List<string>> UnitCodesAsync(WuHaoFactory factory, string suffix)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Units.Where(u => u.Code.EndsWith(suffix)).Select(u => u.Code).ToListAsync();
    }

    /// <summary>Every table of the model, as its rows in a stable order; binary columns (file bytes) as their SHA-256.</summary>
    private static async Task<Dictionary<string, List<string>>> SnapshotAsync(WuHaoFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var values = new string[reader.FieldCount];
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values[i] = reader.GetValue(i) switch
                    {
                        DBNull => "∅",
                        byte[] bytes => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)),
                        var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
                    };
                }

                rows.Add(string.Join('|', values));
            }

            rows.Sort(StringComparer.Ordinal);
            snapshot[table] = rows;
        }

        return snapshot;
    }

    private string BackupFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wuhao-backup-{Guid.NewGuid():N}.{(source.Engine == Engine.Postgres ? "dump" : "db")}");
        files.Add(file);
        return file;
    }
}

public sealed class SqliteBackupTests(SqliteFactory factory) : BackupTests(factory), IClassFixture<SqliteFactory>
{
    protected override WuHaoFactory NewFactory() => new SqliteFactory();
}

public sealed class PostgresBackupTests(PostgresFactory factory) : BackupTests(factory), IClassFixture<PostgresFactory>
{
    protected override WuHaoFactory NewFactory() => new PostgresFactory();
}
