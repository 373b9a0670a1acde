using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;

namespace WuHao.Web.Data;

/// <summary>
/// Writes the records of one spreadsheet import in one transaction (an <see cref="ImportSession"/>: each record as soon
/// as its row is found valid, all committed together or rolled back), with prepared INSERT commands built from the EF
/// model (table, columns, value converters) instead of the change tracker, which would hold every entity and its
/// snapshot (docs/decisions/ADR-010-excel-rosters.md). It does what the
/// <see cref="Interceptors.AuditInterceptor"/> does for a save — stamps who and when, version 1 — and writes the
/// change log of an import: one "created" row per record naming the file and row it came from, in place of one row
/// per field. Child rows in the records' collection navigations (an elder's status history) are written with their
/// record, which their log row covers.
/// </summary>
public sealed class ImportWriter
{
    private readonly AppDbContext db;
    private readonly TimeProvider time;
    private readonly ICurrentActor actor;

    public ImportWriter(AppDbContext db, TimeProvider time, ICurrentActor actor)
    {
        this.db = db;
        this.time = time;
        this.actor = actor;
    }

    /// <summary>The change-log field of an imported record's "created" row.</summary>
    public const string ImportedField = "导入";

    /// <summary>
    /// Change-log rows per INSERT: 100 on PostgreSQL (one round trip for many rows); 10 on SQLite, which runs in process
    /// and looks each parameter up by name, so that a statement of hundreds of parameters costs more than it saves.
    /// </summary>
    private int LogBatch => db.Database.IsSqlite() ? 10 : 100;

    private readonly Dictionary<Type, RowInserter> inserters = [];

    /// <summary>
    /// Opens the import's transaction. Records added to the session are written at once (nothing is held in memory);
    /// they are kept only if <see cref="ImportSession.CommitAsync"/> is called, else disposing rolls all back.
    /// </summary>
    public async Task<ImportSession> BeginAsync(CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        return new ImportSession(this, tx);
    }

    /// <summary>One import's transaction: records written as they come, committed together or not at all.</summary>
    public sealed class ImportSession : IAsyncDisposable
    {
        private readonly ImportWriter writer;
        private readonly IDbContextTransaction tx;
        private readonly DbTransaction transaction;
        private readonly DateTimeOffset now;
        private readonly List<ChangeLogEntry> log;
        private readonly RowInserter logInserter;
        private readonly HashSet<int> units = [];
        private bool committed;

        internal ImportSession(ImportWriter writer, IDbContextTransaction tx)
        {
            this.writer = writer;
            this.tx = tx;
            transaction = tx.GetDbTransaction();
            now = writer.time.GetUtcNow();
            log = new List<ChangeLogEntry>(writer.LogBatch);
            logInserter = new RowInserter(writer.db.Model.FindEntityType(typeof(ChangeLogEntry))!, writer.db.GetService<ISqlGenerationHelper>(),
                transaction.Connection!, transaction, writer.LogBatch, returning: false);
        }

        /// <summary>Records written so far.</summary>
        public int Count { get; private set; }

        /// <summary>Writes a record (and its children) and its change-log row, which says where it came from.</summary>
        public async Task AddAsync(UnitRecord record, string source, CancellationToken ct)
        {
            await writer.InsertTreeAsync(record, now, transaction.Connection!, transaction, ct);
            units.Add(record.UnitId);
            Count++;
            log.Add(new ChangeLogEntry
            {
                EntityType = record.GetType().Name, EntityId = record.Id.ToString(CultureInfo.InvariantCulture), UnitId = record.UnitId, BannerId = record.BannerId,
                Action = "created", Field = ImportedField, NewValue = source, UserId = writer.actor.UserId, UserName = writer.actor.UserName, At = now,
            });
            if (log.Count == writer.LogBatch)
            {
                await logInserter.InsertManyAsync(log, ct);
                log.Clear();
            }
        }

        public async Task CommitAsync(CancellationToken ct)
        {
            if (log.Count > 0)
            {
                using var rest = new RowInserter(writer.db.Model.FindEntityType(typeof(ChangeLogEntry))!, writer.db.GetService<ISqlGenerationHelper>(),
                    transaction.Connection!, transaction, log.Count, returning: false);
                await rest.InsertManyAsync(log, ct);
                log.Clear();
            }

            // The units' evaluations change with their rosters: their data stamps rise in the same transaction.
            await UnitStamps.RaiseAsync(writer.db, units, ct);
            await tx.CommitAsync(ct);
            committed = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (!committed)
            {
                await tx.RollbackAsync();
            }

            logInserter.Dispose();
            foreach (var inserter in writer.inserters.Values)
            {
                inserter.Dispose();
            }

            writer.inserters.Clear();
            await tx.DisposeAsync();
        }
    }

    /// <summary>A record and, through its collection navigations, its child records (stamped alike; the record's log row covers them).</summary>
    private async Task InsertTreeAsync(UnitRecord record, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        Stamp(record, now);
        record.BannerId = await BannerAsync(record.UnitId, ct);
        var inserter = Inserter(record.GetType(), connection, transaction);
        record.Id = await inserter.InsertAsync(record, ct);
        foreach (var (navigation, foreignKey) in inserter.Children)
        {
            if (navigation.GetGetter().GetClrValue(record) is not IEnumerable children)
            {
                continue;
            }

            foreach (var child in children.OfType<UnitRecord>())
            {
                foreignKey.PropertyInfo!.SetValue(child, record.Id);
                await InsertTreeAsync(child, now, connection, transaction, ct);
            }
        }
    }

    private readonly Dictionary<int, int> banners = [];

    /// <summary>The distribution column of a unit's records (ADR-016), read once per unit and import.</summary>
    private async Task<int> BannerAsync(int unitId, CancellationToken ct)
    {
        if (!banners.TryGetValue(unitId, out var banner))
        {
            banners[unitId] = banner = await db.Units.Where(u => u.Id == unitId).Select(u => u.BannerId).FirstOrDefaultAsync(ct);
        }

        return banner;
    }

    private void Stamp(Entity record, DateTimeOffset now)
    {
        record.Version = 1;
        record.CreatedAt = record.UpdatedAt = now;
        record.CreatedBy = record.UpdatedBy = actor.UserName;
    }

    private RowInserter Inserter(Type type, DbConnection connection, DbTransaction transaction)
    {
        if (!inserters.TryGetValue(type, out var inserter))
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
            inserters[type] = inserter = new RowInserter(entityType, db.GetService<ISqlGenerationHelper>(), connection, transaction, rows: 1, returning: true);
        }

        return inserter;
    }

    /// <summary>One prepared INSERT of an entity type's columns (all but a generated key), for one or several rows.</summary>
    private sealed class RowInserter : IDisposable
    {
        private readonly DbCommand command;
        private readonly List<(IProperty Property, ValueConverter? Converter)> columns = [];
        private bool prepared;

        public RowInserter(IEntityType entityType, ISqlGenerationHelper sql, DbConnection connection, DbTransaction transaction, int rows, bool returning)
        {
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var key = entityType.FindPrimaryKey()!.Properties[0];
            foreach (var p in entityType.GetProperties())
            {
                if (p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)
                {
                    continue;
                }

                columns.Add((p, p.GetTypeMapping().Converter));
            }

            command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
                .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!))).Append(") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"p{(r * columns.Count) + c}");
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                    var mapping = (RelationalTypeMapping)columns[c].Property.GetTypeMapping();
                    // Named as in the SQL ("@p0"): Microsoft.Data.Sqlite otherwise tries each prefix in turn on every execution.
                    command.Parameters.Add(mapping.CreateParameter(command, sql.GenerateParameterName(name), null, columns[c].Property.IsNullable));
                }

                text.Append(')');
            }

            if (returning)
            {
                text.Append(" RETURNING ").Append(sql.DelimitIdentifier(key.GetColumnName(table)!));
            }

            command.CommandText = text.ToString();
            Children = entityType.GetNavigations()
                .Where(n => n.IsCollection && n.ForeignKey.PrincipalEntityType == entityType && typeof(UnitRecord).IsAssignableFrom(n.TargetEntityType.ClrType))
                .Select(n => (n, n.ForeignKey.Properties[0])).ToList();
        }

        /// <summary>The collection navigations to child records, with the child's foreign key.</summary>
        public IReadOnlyList<(INavigation Navigation, IProperty ForeignKey)> Children { get; }

        public async Task<int> InsertAsync(object entity, CancellationToken ct)
        {
            Bind(entity, 0);
            await PrepareAsync(ct);
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        public async Task InsertManyAsync(List<ChangeLogEntry> entities, CancellationToken ct)
        {
            for (var r = 0; r < entities.Count; r++)
            {
                Bind(entities[r], r * columns.Count);
            }

            await PrepareAsync(ct);
            await command.ExecuteNonQueryAsync(ct);
        }

        private void Bind(object entity, int offset)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var (property, converter) = columns[c];
                var value = property.GetGetter().GetClrValue(entity);
                if (value is not null && converter is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                command.Parameters[offset + c].Value = value ?? DBNull.Value;
            }
        }

        public void Dispose() => command.Dispose();

        private async Task PrepareAsync(CancellationToken ct)
        {
            if (!prepared)
            {
                prepared = true;
                await command.PrepareAsync(ct);
            }
        }
    }
}
