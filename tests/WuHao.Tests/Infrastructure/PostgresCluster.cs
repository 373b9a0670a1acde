using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace WuHao.Tests.Infrastructure;

/// <summary>
/// Provides a throwaway PostgreSQL server for tests and hands out fresh, empty databases on it.
/// </summary>
/// <remarks>
/// If the environment variable <c>WUHAO_TEST_PG</c> is set, it is used as the base connection string
/// of an already running server (superuser rights required). Otherwise a private cluster is created
/// with the local PostgreSQL binaries (/usr/lib/postgresql/*/bin) in a temporary folder, started on a
/// free port of 127.0.0.1, and stopped and deleted when the process exits.
/// </remarks>
public static class PostgresCluster
{
    private const string EnvironmentVariable = "WUHAO_TEST_PG";
    private const string PostgresRoot = "/usr/lib/postgresql";
    private const string SuperUser = "postgres";
    private const int StartAttempts = 3;

    private static readonly Lazy<Task<string>> BaseConnectionString =
        new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    // Serialises CREATE/DROP DATABASE: PostgreSQL rejects concurrent CREATE DATABASE from the same template.
    private static readonly SemaphoreSlim DatabaseLock = new(1, 1);

    private static readonly object StopLock = new();
    private static string? clusterFolder;
    private static string? dataFolder;
    private static string? pgCtlPath;
    private static bool stopped;

    /// <summary>
    /// Creates a fresh database called <paramref name="name"/> (dropping any existing one first), empty or a copy of
    /// <paramref name="template"/> (a database nobody is connected to), and returns an Npgsql connection string to it.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string name, string? template = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        string baseConnectionString = await BaseConnectionString.Value;
        var admin = new NpgsqlConnectionStringBuilder(baseConnectionString)
        {
            Database = "postgres",
            Pooling = false,
        };

        string quoted = QuoteIdentifier(name);
        await DatabaseLock.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)");
            await ExecuteAsync(connection, template is null
                ? $"CREATE DATABASE {quoted} TEMPLATE template0 ENCODING 'UTF8'"
                : $"CREATE DATABASE {quoted} TEMPLATE {QuoteIdentifier(template)}");
        }
        finally
        {
            DatabaseLock.Release();
        }

        var result = new NpgsqlConnectionStringBuilder(baseConnectionString) { Database = name };
        return result.ConnectionString;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<string> StartAsync()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        string binFolder = FindBinFolder();
        string initDb = Path.Combine(binFolder, "initdb");
        string pgCtl = Path.Combine(binFolder, "pg_ctl");
        bool asRoot = IsRoot();

        // As root the server runs as the postgres user, which must be able to reach the folder: use /tmp.
        string tempRoot = asRoot ? "/tmp" : Path.GetTempPath();
        string folder = Path.Combine(tempRoot, "wuhao-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        string data = Path.Combine(folder, "data");
        string logFile = Path.Combine(folder, "postgres.log");

        lock (StopLock)
        {
            clusterFolder = folder;
            pgCtlPath = pgCtl;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        try
        {
            if (asRoot)
            {
                await RunAsync("chown", [$"{SuperUser}:", folder], asPostgres: false);
            }

            await RunAsync(
                initDb,
                ["-D", data, "--username", SuperUser, "--auth", "trust", "--encoding", "UTF8", "--locale", "C", "--no-sync"],
                asRoot);

            lock (StopLock)
            {
                dataFolder = data;
            }

            string configFile = Path.Combine(data, "postgresql.conf");
            for (int attempt = 1; ; attempt++)
            {
                int port = FindFreePort();

                // Later settings override earlier ones, so appending again on a retry is fine.
                await File.AppendAllTextAsync(configFile, string.Join('\n', [
                    "",
                    "# WuHao test cluster",
                    $"port = {port.ToString(CultureInfo.InvariantCulture)}",
                    "listen_addresses = '127.0.0.1'",
                    $"unix_socket_directories = '{folder}'",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    "max_connections = 200",
                    "",
                ]));

                try
                {
                    await RunAsync(pgCtl, ["start", "-w", "-t", "60", "-D", data, "-l", logFile], asRoot);
                }
                catch (InvalidOperationException) when (attempt < StartAttempts)
                {
                    // Most likely another process took the port in the meantime: try another one.
                    continue;
                }

                var builder = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = SuperUser,
                    Database = "postgres",
                };
                return builder.ConnectionString;
            }
        }
        catch (Exception exception)
        {
            string log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile) : "(no server log)";
            Stop();
            throw new InvalidOperationException(
                $"Could not start the throwaway PostgreSQL test cluster in {folder}: {exception.Message}\nServer log:\n{log}",
                exception);
        }
    }

    private static string FindBinFolder()
    {
        var candidates = Directory.Exists(PostgresRoot)
            ? Directory.GetDirectories(PostgresRoot)
                .Select(dir => (Dir: dir, Version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal v) ? v : -1m))
                .Where(c => File.Exists(Path.Combine(c.Dir, "bin", "initdb")) && File.Exists(Path.Combine(c.Dir, "bin", "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];

        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL server binaries found under {PostgresRoot}/*/bin (initdb, pg_ctl), and the environment "
                + $"variable {EnvironmentVariable} is not set. Install the Debian package 'postgresql' "
                + $"(apt-get install postgresql), or set {EnvironmentVariable} to the connection string of a running "
                + "PostgreSQL server with superuser rights.");
        }

        return Path.Combine(candidates[0].Dir, "bin");
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static int FindFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        if (asPostgres)
        {
            startInfo.FileName = "runuser";
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(SuperUser);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(fileName);
        }
        else
        {
            startInfo.FileName = fileName;
        }

        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Keep the server's messages in English and independent of the caller's locale.
        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment["LANG"] = "C";
        return startInfo;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        using var process = Process.Start(CreateStartInfo(fileName, arguments, asPostgres))
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();

        // pg_ctl start leaves the server holding inherited pipes open, so do not wait for end-of-stream:
        // wait for the process to exit, then read what is already there.
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        if (process.ExitCode != 0)
        {
            string output = await ReadIfDoneAsync(stdout) + await ReadIfDoneAsync(stderr);
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with code {process.ExitCode}: {output.Trim()}");
        }
    }

    private static async Task<string> ReadIfDoneAsync(Task<string> read)
    {
        Task finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2)));
        return finished == read ? await read : string.Empty;
    }

    private static void Stop()
    {
        string? folder;
        string? data;
        string? pgCtl;
        lock (StopLock)
        {
            if (stopped)
            {
                return;
            }

            stopped = true;
            folder = clusterFolder;
            data = dataFolder;
            pgCtl = pgCtlPath;
        }

        // Best effort: the process is exiting, so failures are ignored.
        if (data is not null && pgCtl is not null && File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                using var process = Process.Start(CreateStartInfo(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "20"], IsRoot()));
                process?.StandardInput.Close();
                process?.WaitForExit(TimeSpan.FromSeconds(25));
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
            {
                // Ignore: nothing sensible to do while the process exits.
            }
        }

        if (folder is not null)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Ignore: a leftover folder under /tmp is harmless.
            }
        }
    }
}
