using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using SqliteConnection = Microsoft.Data.Sqlite.SqliteConnection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Infrastructure.Protection;

namespace WuHao.Tests.Protection;

/// <summary>
/// ADR-006: the Data Protection key ring lives in the database but is encrypted with a key kept outside it,
/// so a dump or backup of the database alone cannot reveal an ID number.
/// </summary>
public sealed class KeyRingTests(SqliteFactory factory) : IClassFixture<SqliteFactory>, IDisposable
{
    private const string FieldsPurpose = "WuHao.Fields.v1";
    private readonly List<string> temporary = [];

    [Fact]
    public async Task A_dump_of_the_database_without_the_key_file_reveals_no_ID_number_and_the_app_refuses_to_start_on_it()
    {
        var data = await TestData.CreateAsync(factory);
        var idNumber = data.IdNumbers["A1"];
        string cipher;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            cipher = (await db.YouthCases.Where(c => c.UnitId == data.Unit("A1")).Select(c => c.IdNumberCipher).SingleAsync())!;
        }

        var dump = TempFile(".db");
        using (var live = new SqliteConnection(factory.ConnectionString))
        using (var copy = new SqliteConnection($"Data Source={dump}"))
        {
            live.Open();
            copy.Open();
            live.BackupDatabase(copy);
        }

        // The stored key ring holds no key in clear: each master key is sealed with the key file.
        var keys = await KeyRingXmlAsync(dump);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("wuhaoKeyFileEncrypted", xml, StringComparison.Ordinal);
        });
        Assert.True(File.Exists(Path.Combine(factory.KeyDirectory, KeyRingKey.FileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(factory.KeyDirectory, KeyRingKey.FileName)));
        }

        // Data Protection on the dump with a new, empty key folder: refuses, and cannot decrypt the number.
        var emptyKeys = TempFolder();
        await using (var stranger = Stack(dump, emptyKeys))
        {
            var refused = await Assert.ThrowsAsync<KeyRingException>(() => KeyRing.EnsureAsync(stranger));
            Assert.Contains("不存在", refused.Message, StringComparison.Ordinal);
            var protector = stranger.GetRequiredService<IDataProtectionProvider>().CreateProtector(FieldsPurpose);
            Assert.ThrowsAny<Exception>(() => protector.Unprotect(cipher));
        }

        Assert.False(File.Exists(Path.Combine(emptyKeys, KeyRingKey.FileName)), "no new key file may be made for an encrypted ring");

        // The same dump with the original key folder reads the number: the data is there, only the key was missing.
        await using (var owner = Stack(dump, factory.KeyDirectory))
        {
            await KeyRing.EnsureAsync(owner);
            Assert.Equal(idNumber, owner.GetRequiredService<IDataProtectionProvider>().CreateProtector(FieldsPurpose).Unprotect(cipher));
        }

        // The real program on the dump, with the empty key folder: a clear message and a non-zero exit, nothing served.
        var (exitCode, output) = await RunProgramAsync(dump, emptyKeys);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("数据保护密钥文件", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(emptyKeys, KeyRingKey.FileName), output, StringComparison.Ordinal);
        Assert.Contains("拒绝启动", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_key_file_than_the_one_the_ring_was_sealed_with_is_refused()
    {
        var dump = TempFile(".db");
        await using (var first = Stack(dump, TempFolder()))
        {
            await first.GetRequiredService<AppDbContext>().Database.MigrateAsync();
            await KeyRing.EnsureAsync(first);
            first.GetRequiredService<IDataProtectionProvider>().CreateProtector(FieldsPurpose).Protect("x");
        }

        var otherKeys = TempFolder();
        new KeyRingKey(new KeyRingOptions { Directory = otherKeys }).Create();
        await using var second = Stack(dump, otherKeys);
        var refused = await Assert.ThrowsAsync<KeyRingException>(() => KeyRing.EnsureAsync(second));
        Assert.Contains("不匹配", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_ring_an_earlier_version_stored_in_clear_is_encrypted_on_start_and_its_data_still_reads()
    {
        var file = TempFile(".db");
        const string idNumber = "150521201005061234";
        string cipher;
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite($"Data Source={file}"));
        services.AddDataProtection().SetApplicationName("WuHao").PersistKeysToDbContext<AppDbContext>();
        await using (var earlier = services.BuildServiceProvider())
        {
            await using (var scope = earlier.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
            }

            cipher = earlier.GetRequiredService<IDataProtectionProvider>().CreateProtector(FieldsPurpose).Protect(idNumber);
        }

        Assert.All(await KeyRingXmlAsync(file), xml => Assert.Contains("masterKey", xml, StringComparison.Ordinal));

        using (var app = new ExistingSqliteFactory(file))
        {
            _ = app.CreateClient();
            Assert.Equal(idNumber, app.Services.GetRequiredService<FieldProtector>().Unprotect(cipher));
            Assert.Contains(app.Logs, l => l.Contains("now encrypted", StringComparison.Ordinal));
        }

        var keys = await KeyRingXmlAsync(file);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("wuhaoKeyFileEncrypted", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task With_a_certificate_configured_the_key_ring_is_encrypted_with_it_and_unreadable_without_it()
    {
        var certificateFile = TempFile(".pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=WuHao key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificateFile, certificate.Export(X509ContentType.Pfx, "pfx-Passw0rd"));
        }

        var dump = TempFile(".db");
        var keyFolder = TempFolder();
        var withCertificate = new Dictionary<string, string?> { ["Keys:Certificate"] = certificateFile, ["Keys:CertificatePassword"] = "pfx-Passw0rd" };
        string cipher;
        await using (var first = Stack(dump, keyFolder, withCertificate))
        {
            await first.GetRequiredService<AppDbContext>().Database.MigrateAsync();
            await KeyRing.EnsureAsync(first);
            cipher = first.GetRequiredService<IDataProtectionProvider>().CreateProtector(FieldsPurpose).Protect("150521201005061234");
        }

        Assert.False(File.Exists(Path.Combine(keyFolder, KeyRingKey.FileName)), "the certificate replaces the key file");
        var keys = await KeyRingXmlAsync(dump);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
        });

        await using (var stranger = Stack(dump, keyFolder))
        {
            await Assert.ThrowsAsync<KeyRingException>(() => KeyRing.EnsureAsync(stranger));
        }

        await using (var again = Stack(dump, keyFolder, withCertificate))
        {
            await KeyRing.EnsureAsync(again);
            Assert.Equal("150521201005061234", again.GetRequiredService<IDataProtectionProvider>().CreateProtector(FieldsPurpose).Unprotect(cipher));
        }

        var wrongPassword = new Dictionary<string, string?> { ["Keys:Certificate"] = certificateFile, ["Keys:CertificatePassword"] = "wrong" };
        await using var misconfigured = Stack(dump, keyFolder, wrongPassword);
        var refused = await Assert.ThrowsAsync<KeyRingException>(() => KeyRing.EnsureAsync(misconfigured));
        Assert.Contains("无法读取密钥环证书", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in temporary)
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }

            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    /// <summary>Data Protection as the app configures it, on a given SQLite file and key folder, without the web app.</summary>
    private static ServiceProvider Stack(string sqliteFile, string keyDirectory, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Keys:Directory"] = keyDirectory })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite($"Data Source={sqliteFile}"));
        services.AddWuHaoKeyRing(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<List<string>> KeyRingXmlAsync(string sqliteFile)
    {
        await using var connection = new SqliteConnection($"Data Source={sqliteFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Xml\" FROM \"DataProtectionKeys\"";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>Runs the built program (WuHao.Web.dll) in Production on the given database and key folder.</summary>
    private async Task<(int ExitCode, string Output)> RunProgramAsync(string sqliteFile, string keyDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TempFolder(),
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={sqliteFile}";
        start.Environment["Keys__Directory"] = keyDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("the program did not stop: it served a database whose key file is missing");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private string TempFile(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wuhao-keyring-{Guid.NewGuid():N}{extension}");
        temporary.Add(path);
        return path;
    }

    private string TempFolder()
    {
        var path = TempFile("");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The app on a SQLite file made beforehand (by "an earlier version").</summary>
    private sealed class ExistingSqliteFactory(string sqliteFile) : WuHaoFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={sqliteFile}");
        }
    }
}
