namespace WuHao.Web.Domain;

/// <summary>
/// An evidence file kept in the database (ADR-004), with its archive filing: category, year and
/// retention. The bytes live in <see cref="StoredFileContent"/>, so lists and catalogues never load them.
/// </summary>
public sealed class StoredFile : UnitRecord
{
    public required string FileName { get; set; }

    /// <summary>The type sniffed from the bytes (ADR-007), never the one the client claimed.</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>Lowercase hex SHA-256 of the bytes.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Archive category (档案类别), one of <see cref="Vocabulary.ArchiveCategories"/>.</summary>
    public required string Category { get; set; }

    /// <summary>The work year it is filed under.</summary>
    public int Year { get; set; }

    /// <summary>Retention (保管期限), one of <see cref="Vocabulary.Retentions"/>.</summary>
    public required string Retention { get; set; }

    public StoredFileContent? Content { get; set; }
    public List<FileLink> Links { get; set; } = [];

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>The bytes of a <see cref="StoredFile"/>; not audited (the change log keeps the hash).</summary>
public sealed class StoredFileContent : IBannerRow
{
    public int Id { get; set; }

    /// <summary>The distribution column (ADR-016): the banner of the file.</summary>
    public int BannerId { get; set; }
    public required byte[] Data { get; set; }
}

/// <summary>
/// One row of the single link table from records to their evidence files. Each record type that takes
/// evidence has its own subclass with a real foreign key (mapped as table-per-hierarchy, one nullable
/// column per record type), so links cascade with their record and projections can follow them.
/// </summary>
public abstract class FileLink : UnitRecord
{
    public int FileId { get; set; }
    public StoredFile? File { get; set; }
}

/// <summary>A record that carries evidence files (<c>fileIds</c> on the API).</summary>
public interface IHasEvidence : IUnitOwned
{
    IEnumerable<FileLink> FileLinks { get; }

    void Attach(StoredFile file);

    void Attach(int fileId);

    void Detach(int fileId);
}

/// <summary>The base of records with evidence: their links are <typeparamref name="TLink"/> rows in the link table.</summary>
public abstract class EvidenceRecord<TLink> : UnitRecord, IHasEvidence where TLink : FileLink, new()
{
    public List<TLink> Files { get; set; } = [];

    IEnumerable<FileLink> IHasEvidence.FileLinks => Files;

    public void Attach(StoredFile file) => Files.Add(new TLink { File = file, UnitId = UnitId });

    public void Attach(int fileId)
    {
        if (Files.All(f => f.FileId != fileId))
        {
            Files.Add(new TLink { FileId = fileId, UnitId = UnitId });
        }
    }

    public void Detach(int fileId) => Files.RemoveAll(f => f.FileId == fileId);
}

public sealed class RuleDocumentFile : FileLink
{
    public int RuleDocumentId { get; set; }
}

public sealed class WorkCycleFile : FileLink
{
    public int WorkCycleEntryId { get; set; }
}

public sealed class ArchiveEntryFile : FileLink
{
    public int ArchiveEntryId { get; set; }
}

public sealed class FundEntryFile : FileLink
{
    public int FundEntryId { get; set; }
}

public sealed class InvestigationFile : FileLink
{
    public int InvestigationId { get; set; }
}

public sealed class SchoolLinkFile : FileLink
{
    public int SchoolLinkId { get; set; }
    public SchoolLink? SchoolLink { get; set; }
}

public sealed class ExperienceFile : FileLink
{
    public int ExperienceId { get; set; }
}

public sealed class ActivityFile : FileLink
{
    public int ActivityId { get; set; }
    public Activity? Activity { get; set; }
}

public sealed class CivilizationEntryFile : FileLink
{
    public int CivilizationEntryId { get; set; }
}

public sealed class PartyMeetingFile : FileLink
{
    public int PartyMeetingId { get; set; }
}

public sealed class StudySessionFile : FileLink
{
    public int StudySessionId { get; set; }
}

public sealed class TrainingFile : FileLink
{
    public int TrainingId { get; set; }
}

public sealed class CommendationMeetingFile : FileLink
{
    public int CommendationMeetingId { get; set; }
}

public sealed class DeedFile : FileLink
{
    public int DeedId { get; set; }
}
