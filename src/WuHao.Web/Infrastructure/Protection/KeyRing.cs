using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WuHao.Web.Data;

namespace WuHao.Web.Infrastructure.Protection;

/// <summary>Settings of section "Keys": what encrypts the Data Protection key ring kept in the database (ADR-006).</summary>
public sealed class KeyRingOptions
{
    public const string Section = "Keys";

    /// <summary>Folder of the key file, relative to the working directory. Back it up apart from the database.</summary>
    public string Directory { get; set; } = "data/keys";

    /// <summary>A .pfx file; when set, the key ring is encrypted with this certificate instead of the key file.</summary>
    public string? Certificate { get; set; }

    public string? CertificatePassword { get; set; }

    public bool UsesCertificate => !string.IsNullOrWhiteSpace(Certificate);
}

/// <summary>Refusal to start: the key ring in the database cannot be decrypted with what this machine holds.</summary>
public sealed class KeyRingException(string message) : Exception(message);

/// <summary>
/// The 256-bit key file that encrypts the key ring's secrets (AES-GCM). It lives outside the database, so a
/// dump or backup of the database alone reveals no key and hence no ID number. Created on first start,
/// readable by the owner only.
/// </summary>
public sealed class KeyRingKey(KeyRingOptions options)
{
    public const string FileName = "keyring.key";
    private byte[]? bytes;

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetFullPath(options.Directory), FileName);

    public bool Exists => File.Exists(Path);

    public byte[] Bytes => bytes ??= Load();

    /// <summary>A fingerprint of the key (not the key), written beside each encrypted secret to name the key it needs.</summary>
    public string Id => Convert.ToHexString(SHA256.HashData([.. "WuHao.KeyRing.Id"u8, .. Bytes]))[..16].ToLowerInvariant();

    public void Create()
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(folder);
        }
        else
        {
            System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var fresh = RandomNumberGenerator.GetBytes(32);
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(Path, file))
        using (var writer = new StreamWriter(stream, Encoding.ASCII))
        {
            writer.WriteLine(Convert.ToBase64String(fresh));
        }

        bytes = fresh;
    }

    private byte[] Load()
    {
        if (!Exists)
        {
            throw new KeyRingException($"数据保护密钥文件 {Path} 不存在，无法解密密钥环。");
        }

        var key = Convert.FromBase64String(File.ReadAllText(Path).Trim());
        return key.Length == 32 ? key : throw new KeyRingException($"数据保护密钥文件 {Path} 已损坏（应为 32 字节的 Base64）。");
    }
}

/// <summary>Encrypts a key-ring secret with the key file (AES-256-GCM, fresh nonce each time).</summary>
public sealed class KeyFileXmlEncryptor(KeyRingKey key) : IXmlEncryptor
{
    internal const string ElementName = "wuhaoKeyFileEncrypted";
    internal static readonly byte[] AssociatedData = "WuHao.KeyRing.v1"u8.ToArray();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedBytes = new byte[plain.Length + AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key.Bytes, AesGcm.TagByteSizes.MaxSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), AssociatedData);
        }

        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement(ElementName,
            new XAttribute("keyId", key.Id),
            new XAttribute("nonce", Convert.ToBase64String(nonce)),
            Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }
}

/// <summary>Decrypts what <see cref="KeyFileXmlEncryptor"/> wrote; Data Protection creates it by type name.</summary>
public sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyRingKey>();
        var nonce = Convert.FromBase64String((string?)encryptedElement.Attribute("nonce") ?? "");
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        var tag = AesGcm.TagByteSizes.MaxSize;
        if (sealedBytes.Length < tag)
        {
            throw new CryptographicException("The encrypted key-ring secret is truncated.");
        }

        var plain = new byte[sealedBytes.Length - tag];
        try
        {
            using (var aes = new AesGcm(key.Bytes, tag))
            {
                aes.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain, KeyFileXmlEncryptor.AssociatedData);
            }

            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

/// <summary>Data Protection with its key ring in the database, encrypted with a key kept outside it (ADR-006).</summary>
public static partial class KeyRing
{
    private static readonly XNamespace DataProtectionNs = "http://schemas.asp.net/2015/03/dataProtection";

    private static readonly Action<ILogger, string, Exception?> KeyFileCreated =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(1, "KeyFileCreated"),
            "Created the key-ring key file {Path}: back it up apart from the database; without it the encrypted fields cannot be read");

    private static readonly Action<ILogger, int, Exception?> PlainKeysEncrypted =
        LoggerMessage.Define<int>(LogLevel.Warning, new EventId(2, "PlainKeysEncrypted"),
            "{Count} key(s) of the key ring were stored unencrypted and are now encrypted; older backups of the database still hold them in clear");

    private static readonly Action<ILogger, string, Exception?> Refused =
        LoggerMessage.Define<string>(LogLevel.Critical, new EventId(3, "KeyRingRefused"), "{Message}");

    public static void LogRefusal(ILogger logger, KeyRingException refusal) => Refused(logger, refusal.Message, null);

    public static IServiceCollection AddWuHaoKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        services.AddSingleton(options);
        services.AddSingleton<KeyRingKey>();

        // Keys in the database: several app instances on one PostgreSQL share cookies, tokens and encrypted fields.
        var dataProtection = services.AddDataProtection().SetApplicationName("WuHao").PersistKeysToDbContext<AppDbContext>();
        if (options.UsesCertificate)
        {
            var certificate = LoadCertificate(options, out var problem);
            services.AddSingleton(new CertificateState(problem));
            if (certificate is not null)
            {
                dataProtection.ProtectKeysWithCertificate(certificate);
            }
        }
        else
        {
            services.AddSingleton(new CertificateState(null));
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
                new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new KeyFileXmlEncryptor(sp.GetRequiredService<KeyRingKey>())));
        }

        return services;
    }

    /// <summary>
    /// Before anything is encrypted or decrypted: refuses (with <see cref="KeyRingException"/>) when the key ring in
    /// the database is encrypted but the key file is missing or another one; creates the key file on a first start;
    /// encrypts key-ring entries that an earlier version stored in clear.
    /// </summary>
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<KeyRingOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRing));
        if (services.GetRequiredService<CertificateState>().Problem is { } problem)
        {
            throw new KeyRingException(problem);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.DataProtectionKeys.ToListAsync(ct);
        var entries = rows.Select(r => (Row: r, Xml: XElement.Parse(r.Xml ?? "<key />"))).ToList();
        if (!options.UsesCertificate)
        {
            var key = services.GetRequiredService<KeyRingKey>();
            var keyIds = entries.SelectMany(e => e.Xml.Descendants(KeyFileXmlEncryptor.ElementName)).Select(e => (string?)e.Attribute("keyId")).Distinct().ToList();
            if (!key.Exists)
            {
                if (entries.Any(e => e.Xml.Descendants(DataProtectionNs + "encryptedSecret").Any()))
                {
                    throw new KeyRingException(
                        $"数据保护密钥文件 {key.Path} 不存在，但数据库中的密钥环（{rows.Count} 个密钥）是用它加密的。"
                        + "没有这个文件，身份证号等加密信息无法解密。请把原来的密钥目录恢复到该位置，或用 Keys:Directory 指向它；"
                        + "程序拒绝启动，以免另起新密钥。");
                }

                key.Create();
                KeyFileCreated(logger, key.Path, null);
            }

            if (keyIds.Any(id => id != key.Id))
            {
                throw new KeyRingException(
                    $"数据保护密钥文件 {key.Path} 与数据库中的密钥环不匹配（密钥环需要 {string.Join("、", keyIds.Where(id => id != key.Id))}，此文件是 {key.Id}）。"
                    + "请恢复与这个数据库配套的密钥目录。程序拒绝启动。");
            }
        }

        var encryptor = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor
            ?? throw new KeyRingException("没有配置密钥环加密方式。");
        var plain = entries.Where(e => RequiresEncryption(e.Xml).Any()).ToList();
        foreach (var (row, xml) in plain)
        {
            row.Xml = Encrypt(encryptor, xml).ToString(SaveOptions.DisableFormatting);
        }

        if (plain.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            PlainKeysEncrypted(logger, plain.Count, null);
        }
    }

    /// <summary>Like Data Protection's own step before it stores a new key: each element marked requiresEncryption becomes an encryptedSecret.</summary>
    private static XElement Encrypt(IXmlEncryptor encryptor, XElement key)
    {
        var copy = new XDocument(new XElement(key)).Root!;
        while (RequiresEncryption(copy).FirstOrDefault() is { } secret)
        {
            var info = encryptor.Encrypt(new XDocument(new XElement(secret)).Root!);
            secret.ReplaceWith(new XElement(DataProtectionNs + "encryptedSecret",
                new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!),
                info.EncryptedElement));
        }

        return copy;
    }

    private static IEnumerable<XElement> RequiresEncryption(XElement xml) =>
        xml.DescendantsAndSelf().Where(e => string.Equals((string?)e.Attribute(DataProtectionNs + "requiresEncryption"), "true", StringComparison.OrdinalIgnoreCase));

    private static X509Certificate2? LoadCertificate(KeyRingOptions options, out string? problem)
    {
        var path = Path.GetFullPath(options.Certificate!);
        problem = null;
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            if (certificate.HasPrivateKey)
            {
                return certificate;
            }

            problem = $"证书 {path} 不含私钥，无法解密密钥环（Keys:Certificate）。";
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            problem = $"无法读取密钥环证书 {path}（Keys:Certificate、Keys:CertificatePassword）：{e.Message}";
        }

        return null;
    }

    private sealed record CertificateState(string? Problem);
}
