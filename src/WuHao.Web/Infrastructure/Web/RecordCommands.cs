using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Files;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>An input bound from a form or a JSON body; carries the version the user last saw.</summary>
public interface IRecordInput
{
    int Version { get; set; }
}

/// <summary>What a validator sees: the input, where it goes, and the database to check duplicates against.</summary>
public sealed record ValidationScope<TInput>(TInput Input, int UnitId, int? RecordId, AppDbContext Db, DateOnly Today, ValidationErrors Errors);

/// <summary>
/// One collection of a unit's records (a "{collection}" of API.md): its read model, how an input creates and
/// changes a record, and its validator. Pages and the API both go through <see cref="RecordCommands"/> with
/// the same definition, so they cannot disagree on what is valid or who may change what.
/// </summary>
public sealed class CollectionSpec<TEntity, TInput, TDto>
    where TEntity : UnitRecord
    where TInput : class, IRecordInput
{
    /// <summary>The API's collection name, e.g. "team-members".</summary>
    public required string Name { get; init; }

    /// <summary>The Chinese name of one record, for messages and the API document.</summary>
    public required string Title { get; init; }

    public required Expression<Func<TEntity, TDto>> Project { get; init; }

    /// <summary>The record's date, for ?year= and ordering; null for undated records.</summary>
    public Expression<Func<TEntity, DateOnly>>? DateOf { get; init; }

    public required Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>> Order { get; init; }
    public required Func<TInput, int, TEntity> Create { get; init; }
    public required Action<TInput, TEntity> Apply { get; init; }
    public required Func<ValidationScope<TInput>, Task> Validate { get; init; }

    /// <summary>Side effects of creating a record, saved in the same transaction (e.g. a team change ends a term).</summary>
    public Func<TEntity, AppDbContext, CancellationToken, Task>? OnCreated { get; init; }

    /// <summary>
    /// For records that carry evidence files (the input is an <see cref="IEvidenceInput"/>): where a file of the
    /// record is filed in the archive, given whether it is an image. Null: the collection takes no files.
    /// </summary>
    public Func<TEntity, bool, Filing>? Filing { get; init; }

    /// <summary>The work year of a record whose year is not its date's (?year= then filters on it).</summary>
    public Expression<Func<TEntity, int>>? YearOf { get; init; }

    /// <summary>
    /// A unit's records in its lists: by default those it keeps; a collection shared across units
    /// adds those shared with it. Still always combined with the scope rule.
    /// </summary>
    public Func<int, Expression<Func<TEntity, bool>>>? OfUnit { get; init; }

    public Expression<Func<TEntity, bool>> BelongsTo(int unitId) => OfUnit?.Invoke(unitId) ?? (r => r.UnitId == unitId);

    /// <summary>What an update loads with the record, for <see cref="Apply"/> to change (its child rows).</summary>
    public Func<IQueryable<TEntity>, IQueryable<TEntity>>? Include { get; init; }

    /// <summary>No two records of a unit may be the same person (or thing): checked by forms, the API and imports alike.</summary>
    public DuplicateRule<TEntity>? Duplicates { get; init; }

    /// <summary>
    /// The read model as a user who may not edit the record's unit sees it (phone numbers masked); null: as is.
    /// Pages, the API and exports apply it the same way (docs/decisions/ADR-010-excel-rosters.md).
    /// </summary>
    public Func<TDto, TDto>? ForReaders { get; init; }

    public IQueryable<TEntity> InYear(IQueryable<TEntity> query, int? year)
    {
        if (year is { } wy && YearOf is not null)
        {
            var yp = YearOf.Parameters[0];
            return query.Where(Expression.Lambda<Func<TEntity, bool>>(Expression.Equal(YearOf.Body, Expression.Constant(wy)), yp));
        }

        if (year is not { } y || DateOf is null)
        {
            return query;
        }

        var from = new DateOnly(y, 1, 1);
        var to = new DateOnly(y, 12, 31);
        var p = DateOf.Parameters[0];
        var body = Expression.AndAlso(
            Expression.GreaterThanOrEqual(DateOf.Body, Expression.Constant(from)),
            Expression.LessThanOrEqual(DateOf.Body, Expression.Constant(to)));
        return query.Where(Expression.Lambda<Func<TEntity, bool>>(body, p));
    }
}

/// <summary>The identity of a record for the duplicate rule: a name, and a date and a text where the name is not enough.</summary>
public sealed record DuplicateKey
{
    public string Name { get; init; } = "";
    public DateOnly? Date { get; init; }
    public string? Text { get; init; }
}

/// <summary>
/// Which saved records of the unit a new one must not repeat (<see cref="Counts"/>, e.g. only serving members),
/// and what makes two of them the same (<see cref="Key"/>). Both are expressions, so the same rule runs in SQL
/// for a form and in memory for a whole spreadsheet.
/// </summary>
public sealed class DuplicateRule<TEntity> where TEntity : UnitRecord
{
    private Func<TEntity, bool>? counts;
    private Func<TEntity, DuplicateKey>? key;

    /// <summary>The input field the message goes to.</summary>
    public required string Field { get; init; }

    public required Expression<Func<TEntity, bool>> Counts { get; init; }

    /// <summary>A member-initialised <see cref="DuplicateKey"/> (so that SQL can filter on its name).</summary>
    public required Expression<Func<TEntity, DuplicateKey>> Key { get; init; }

    /// <summary>The message when a saved record is the same, e.g. "张三已在本单位班子中，不能重复添加".</summary>
    public required Func<DuplicateKey, string> Message { get; init; }

    /// <summary>A short description of the key for messages about rows of one file, e.g. "张三（1950年1月2日出生）".</summary>
    public required Func<DuplicateKey, string> Describe { get; init; }

    public bool CountsFor(TEntity record) => (counts ??= Counts.Compile())(record);

    public DuplicateKey KeyOf(TEntity record) => (key ??= Key.Compile())(record);

    /// <summary>The keys of the unit's saved records that count, except <paramref name="exceptId"/>; narrowed to one name when given.</summary>
    public IQueryable<DuplicateKey> Saved(AppDbContext db, int unitId, int? exceptId, string? name = null)
    {
        var query = db.Set<TEntity>().Where(r => r.UnitId == unitId && r.Id != exceptId).Where(Counts).Select(Key);
        return name is null ? query : query.Where(k => k.Name == name);
    }
}

public enum CommandStatus
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

public sealed record CommandResult<TEntity>(CommandStatus Status, TEntity? Record = null, ValidationErrors? Errors = null)
    where TEntity : class;

/// <summary>Create, update and delete for any <see cref="CollectionSpec{TEntity,TInput,TDto}"/>, with scope, edit rights, validation and versions.</summary>
public sealed class RecordCommands(AppDbContext db, OrgScope orgScope, IAuthorizationService authorization, IHttpContextAccessor http, TimeProvider time)
{
    public Task<CommandResult<TEntity>> CreateAsync<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> collection, int unitId, TInput input, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput =>
        CreateAsync(collection, unitId, input, [], ct);

    /// <summary>Creates the record with its evidence: the files named by the input and the new <paramref name="uploads"/>, in one save.</summary>
    public async Task<CommandResult<TEntity>> CreateAsync<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> collection, int unitId, TInput input, IReadOnlyList<Upload> uploads, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput
    {
        if (!await orgScope.IncludesAsync(unitId, ct))
        {
            return new(CommandStatus.NotFound);
        }

        if (!await MayEditAsync(new UnitResource(unitId)))
        {
            return new(CommandStatus.Forbidden);
        }

        return await CreateInCheckedUnitAsync(collection, unitId, input, uploads, ct);
    }

    /// <summary>
    /// Validates and creates the record (with its side effects and evidence) in one save, for a caller that has already
    /// checked the unit's scope and the right to edit it once for many records (a spreadsheet import, R-7.3).
    /// </summary>
    public async Task<CommandResult<TEntity>> CreateInCheckedUnitAsync<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> collection, int unitId, TInput input, IReadOnlyList<Upload> uploads, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput
    {
        var errors = await ValidateAsync(collection, input, unitId, null, ct);
        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, Errors: errors);
        }

        var record = collection.Create(input, unitId);
        db.Add(record);
        if (collection.OnCreated is { } onCreated)
        {
            await onCreated(record, db, ct);
        }

        await SyncEvidenceAsync(collection, record, input, uploads, ct);
        await db.SaveChangesAsync(ct);
        return new(CommandStatus.Ok, record);
    }

    public Task<CommandResult<TEntity>> UpdateAsync<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> collection, int id, TInput input, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput =>
        UpdateAsync(collection, id, input, [], ct);

    public async Task<CommandResult<TEntity>> UpdateAsync<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> collection, int id, TInput input, IReadOnlyList<Upload> uploads, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput
    {
        var found = await FindForEditAsync(id, ct, collection.Include);
        if (found.Status != CommandStatus.Ok)
        {
            return found;
        }

        var record = found.Record!;
        var errors = await ValidateAsync(collection, input, record.UnitId, id, ct);
        if (!errors.IsValid)
        {
            return new(CommandStatus.Invalid, Errors: errors);
        }

        if (record.Version != input.Version)
        {
            return new(CommandStatus.Conflict, record);
        }

        collection.Apply(input, record);
        await SyncEvidenceAsync(collection, record, input, uploads, ct);
        return await db.SaveVersionAsync(record, input.Version, ct);
    }

    public async Task<CommandResult<TEntity>> DeleteAsync<TEntity>(int id, int? version, CancellationToken ct)
        where TEntity : UnitRecord
    {
        var found = await FindForEditAsync<TEntity>(id, ct);
        if (found.Status != CommandStatus.Ok)
        {
            return found;
        }

        var record = found.Record!;
        if (version is { } v && record.Version != v)
        {
            return new(CommandStatus.Conflict, record);
        }

        if (record is IHasEvidence evidence)
        {
            await Evidence.DeleteFilesOfAsync(db, evidence, ct);
        }

        db.Remove(record);
        return await db.SaveVersionAsync(record, record.Version, ct);
    }

    /// <summary>The record, tracked, if the user may see it (else NotFound) and may change it (else Forbidden).</summary>
    public async Task<CommandResult<TEntity>> FindForEditAsync<TEntity>(
        int id, CancellationToken ct, Func<IQueryable<TEntity>, IQueryable<TEntity>>? include = null) where TEntity : UnitRecord
    {
        var scope = await orgScope.CurrentAsync(ct);
        var query = db.Set<TEntity>().VisibleTo(scope);
        var record = await (include is null ? query : include(query)).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
        {
            return new(CommandStatus.NotFound);
        }

        return await MayEditAsync(record) ? new(CommandStatus.Ok, record) : new(CommandStatus.Forbidden);
    }

    public async Task<bool> MayEditAsync(IUnitOwned resource)
    {
        var user = http.HttpContext?.User;
        return user is not null && (await authorization.AuthorizeAsync(user, resource, RecordOperations.Edit)).Succeeded;
    }

    /// <summary>
    /// The annotations and the collection's own validator together, so that every mistake is reported in
    /// one round. Validators cope with missing required values (the annotations report those).
    /// </summary>
    public async Task<ValidationErrors> ValidateAsync<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> collection, TInput input, int unitId, int? id, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput
    {
        var errors = await ValidateShapeAsync(collection, input, unitId, id, time.Today(), ct);
        if (errors.IsValid && collection.Duplicates is { } rule)
        {
            var candidate = collection.Create(input, unitId);
            if (rule.CountsFor(candidate))
            {
                var key = rule.KeyOf(candidate);
                var saved = await rule.Saved(db, unitId, id, key.Name).ToListAsync(ct);
                if (saved.Contains(key))
                {
                    errors.Add(rule.Field, rule.Message(key));
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// The annotations and the collection's validator, without the duplicate rule: what a spreadsheet import runs
    /// on each row before it checks duplicates for the whole file at once.
    /// </summary>
    public async Task<ValidationErrors> ValidateShapeAsync<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> collection, TInput input, int unitId, int? id, DateOnly today, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput
    {
        ct.ThrowIfCancellationRequested();
        var errors = ValidationErrors.FromAnnotations(input);
        await collection.Validate(new ValidationScope<TInput>(input, unitId, id, db, today, errors));
        if (collection.Filing is not null && input is IEvidenceInput evidence)
        {
            await Evidence.ValidateAsync<TEntity>(db, evidence, unitId, id, errors, ct);
        }

        return errors;
    }

    private async Task SyncEvidenceAsync<TEntity, TInput, TDto>(
        CollectionSpec<TEntity, TInput, TDto> collection, TEntity record, TInput input, IReadOnlyList<Upload> uploads, CancellationToken ct)
        where TEntity : UnitRecord where TInput : class, IRecordInput
    {
        if (collection.Filing is { } filing && input is IEvidenceInput evidence)
        {
            await Evidence.SyncAsync(db, record, evidence, uploads, filing, ct);
        }
    }
}
