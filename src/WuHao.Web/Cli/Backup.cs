using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WuHao.Web.Data;
using WuHao.Web.Infrastructure;
using WuHao.Web.Infrastructure.Protection;

namespace WuHao.Web.Cli;

/// <summary>
/// `backup FILE [--force]` and `restore FILE [--force]`. SQLite: the online backup API, a consistent copy
/// while the app runs; PostgreSQL: pg_dump / pg_restore (custom format). Evidence files live in the database, so
/// they come along; the key folder (Keys:Directory) does not, by design (ADR-006), and is backed up separately.
/// </summary>
public static class Backup
{
    private const string PostgresRoot = "/usr/lib/postgresql";

    public static async Task<int> BackupAsync(IServiceProvider services, string[] args)
    {
        if (FileArgument(args) is not { } file)
        {
            await Console.Error.WriteLineAsync("用法：backup 备份文件 [--force]");
            return 2;
        }

        if (File.Exists(file) && !args.Contains("--force"))
        {
            await Console.Error.WriteLineAsync($"文件 {file} 已存在；要覆盖请加 --force。");
            return 1;
        }

        var (isPostgres, connectionString) = await DatabaseAsync(services);
        var partial = file + ".partial";
        File.Delete(partial);
        if (isPostgres)
        {
            var failure = await RunPostgresToolAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", $"--file={partial}"]);
            if (failure is not null)
            {
                File.Delete(partial);
                await Console.Error.WriteLineAsync($"备份失败：{failure}");
                return 1;
            }
        }
        else
        {
            await using (var live = new SqliteConnection(connectionString))
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await live.OpenAsync();
                await copy.OpenAsync();
                live.BackupDatabase(copy);

                // One self-contained file, not a WAL database that needs its -wal beside it.
                await using var journal = copy.CreateCommand();
                journal.CommandText = "PRAGMA journal_mode=DELETE;";
                await journal.ExecuteNonQueryAsync();
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            // Personal data (the sensitive fields encrypted, names and the rest not): readable by the owner only.
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(partial, file, overwrite: true);
        var keys = services.GetRequiredService<KeyRingOptions>();
        Console.WriteLine($"已备份到 {Path.GetFullPath(file)}（{new FileInfo(file).Length:N0} 字节，证据文件在数据库中，已一并备份）。");
        Console.WriteLine(keys.UsesCertificate
            ? $"注意：加密密钥环的证书 {keys.Certificate} 不在备份中，须另行保管。"
            : $"注意：密钥目录 {Path.GetFullPath(keys.Directory)} 不在备份中，须另行备份、分开保管；没有它，恢复后的身份证号等加密信息无法解密。");
        return 0;
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string[] args)
    {
        if (FileArgument(args) is not { } file)
        {
            await Console.Error.WriteLineAsync("用法：restore 备份文件 [--force]");
            return 2;
        }

        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"备份文件 {file} 不存在。");
            return 1;
        }

        var (isPostgres, connectionString) = await DatabaseAsync(services);
        if (!isPostgres && !await IsWuHaoSqliteAsync(file))
        {
            await Console.Error.WriteLineAsync($"{file} 不是 WuHao 的 SQLite 备份文件，未恢复。");
            return 1;
        }

        await DatabaseSetup.MigrateAsync(services);
        var (units, users) = await ContentsAsync(services);
        if ((units > 0 || users > 0) && !args.Contains("--force"))
        {
            await Console.Error.WriteLineAsync(
                $"数据库不为空（{units} 个单位、{users} 个账号）。恢复会用备份替换其中全部数据；确认要覆盖请加 --force。未做任何改动。");
            return 1;
        }

        if (isPostgres)
        {
            var failure = await RunPostgresToolAsync("pg_restore", connectionString,
                ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", $"--dbname={Database(connectionString)}", file]);
            if (failure is not null)
            {
                await Console.Error.WriteLineAsync($"恢复失败，数据库未改动：{failure}");
                return 1;
            }

            NpgsqlConnection.ClearAllPools();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            await using (var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
            await using (var live = new SqliteConnection(connectionString))
            {
                await backup.OpenAsync();
                await live.OpenAsync();
                backup.BackupDatabase(live);
            }

            SqliteConnection.ClearAllPools();
        }

        // A backup from an earlier version is brought up to this version's schema.
        await DatabaseSetup.MigrateAsync(services);
        (units, users) = await ContentsAsync(services);
        Console.WriteLine($"已从 {Path.GetFullPath(file)} 恢复：{units} 个单位、{users} 个账号。");
        Console.WriteLine("请确认密钥目录（Keys:Directory）是与这份备份配套的那一份；否则程序会拒绝启动，加密信息也无法解密。");
        return 0;
    }

    private static string? FileArgument(string[] args) => args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));

    private static async Task<(bool IsPostgres, string ConnectionString)> DatabaseAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (db.Database.IsNpgsql(), db.Database.GetConnectionString()!);
    }

    private static async Task<(int Units, int Users)> ContentsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Units.CountAsync(), await db.Users.CountAsync());
    }

    private static async Task<bool> IsWuHaoSqliteAsync(string file)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Units')";
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 2;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static string Database(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";

    /// <summary>Runs pg_dump or pg_restore against the configured database; returns null on success, else what went wrong.</summary>
    private static async Task<string?> RunPostgresToolAsync(string tool, string connectionString, IReadOnlyList<string> arguments)
    {
        if (FindPostgresTool(tool) is not { } path)
        {
            return $"找不到 {tool}。请安装 PostgreSQL 客户端（apt-get install postgresql-client），版本不低于服务器。";
        }

        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = cs.Host;
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = cs.Username;
        start.Environment["PGDATABASE"] = cs.Database;
        if (!string.IsNullOrEmpty(cs.Password))
        {
            start.Environment["PGPASSWORD"] = cs.Password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? null : $"{tool} 退出码 {process.ExitCode}：{(await error + await output).Trim()}";
    }

    private static string? FindPostgresTool(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool));
        var installed = Directory.Exists(PostgresRoot)
            ? Directory.GetDirectories(PostgresRoot)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin", tool))
            : [];
        return installed.Concat(onPath).FirstOrDefault(File.Exists);
    }
}
