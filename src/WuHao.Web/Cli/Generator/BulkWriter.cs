using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Web.Cli.Generator;

/// <summary>
/// Bulk INSERTs for the data generator (R-8.3), built from the EF model (tables, columns, value converters,
/// discriminators) instead of the change tracker. Keys are given by the writer (the table's largest id + 1 onwards),
/// so that children can point to their parents before anything is written; rows are buffered and written by
/// <see cref="FlushAsync"/> table by table, parents before children. On SQLite each row is one execution of a prepared
/// statement (in process, that is the fastest); on PostgreSQL the rows go by binary COPY. Everything
/// runs in the caller's one transaction. <see cref="FinishAsync"/> moves PostgreSQL's identity sequences past the ids
/// used, so that the app's own inserts go on from there. Not for use while the app writes to the same tables.
/// </summary>
public sealed class BulkWriter : IAsyncDisposable
{
    private readonly AppDbContext db;
    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly ISqlGenerationHelper sql;
    private readonly bool postgres;
    private readonly Dictionary<Type, TableShape> shapes = [];
    private readonly Dictionary<Type, List<object>> pending = [];
    private readonly Dictionary<string, int> nextIds = [];
    private readonly Dictionary<string, long> counts = [];
    private readonly Dictionary<int, OrgUnit> units = [];
    private readonly Dictionary<Type, Entity> lastRecords = [];
    private readonly List<string> tableOrder;

    public BulkWriter(AppDbContext db, DbTransaction transaction)
    {
        this.db = db;
        this.transaction = transaction;
        connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection");
        sql = db.GetService<ISqlGenerationHelper>();
        postgres = !db.Database.IsSqlite();
        tableOrder = TablesParentsFirst(db.Model);
    }

    /// <summary>Rows written so far, per table.</summary>
    public IReadOnlyDictionary<string, long> Counts => counts;

    /// <summary>Rows waiting for the next flush.</summary>
    public int Pending { get; private set; }

    /// <summary>Gives an <see cref="Entity"/> its id (when it has none) and queues it; other rows (list values, file contents) are queued as they are.</summary>
    public async Task AddAsync(object row, CancellationToken ct)
    {
        if (row is Entity { Id: 0 } entity)
        {
            entity.Id = await NextIdAsync(Shape(row.GetType()).Table, ct);
        }

        // The distribution column (ADR-016): a unit's from its parent's, a record's from its unit's, a child row's (list
        // value, file content) from its record's, which the generator adds just before its children.
        switch (row)
        {
            case OrgUnit unit:
                unit.BannerId = OrgUnit.BannerUnder(unit.ParentId is { } parentId ? await UnitAsync(parentId, ct) : null, unit.Id);
                units[unit.Id] = unit;
                break;
            case IBannerOwned owned:
                owned.BannerId = (await UnitAsync(owned.UnitId, ct)).BannerId;
                if (owned is Entity record)
                {
                    lastRecords[row.GetType()] = record;
                }

                break;
            case IBannerRow child:
                child.BannerId = ParentOf(child).BannerId;
                break;
        }

        if (!pending.TryGetValue(row.GetType(), out var list))
        {
            pending[row.GetType()] = list = [];
        }

        list.Add(row);
        Pending++;
    }

    /// <summary>The record a child row belongs to: the last record of its parent's type added (children follow their record).</summary>
    private IBannerOwned ParentOf(IBannerRow child)
    {
        var foreignKey = db.Model.FindEntityType(child.GetType())!.GetForeignKeys().Single();
        var parentId = foreignKey.Properties[0].GetGetter().GetClrValue(child);
        return lastRecords.GetValueOrDefault(foreignKey.PrincipalEntityType.ClrType) is IBannerOwned parent and Entity { Id: var id } && Equals(id, parentId)
            ? parent
            : throw new InvalidOperationException($"A {child.GetType().Name} must be added right after its record");
    }

    /// <summary>A unit written by this writer, or else read once from the database.</summary>
    private async Task<OrgUnit> UnitAsync(int id, CancellationToken ct)
    {
        if (!units.TryGetValue(id, out var unit))
        {
            units[id] = unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct)
                ?? throw new InvalidOperationException($"Unit {id} is not in the database");
        }

        return unit;
    }

    /// <summary>Writes every queued row, parent tables first: on PostgreSQL by binary COPY, on SQLite by the prepared INSERT.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var (type, rows) in pending.Where(p => p.Value.Count > 0).OrderBy(p => tableOrder.IndexOf(Shape(p.Key).Table)))
        {
            var shape = Shape(type);
            if (connection is NpgsqlConnection npgsql)
            {
                await CopyAsync(npgsql, shape, rows, ct);
            }
            else
            {
                foreach (var row in rows)
                {
                    await shape.Insert!.ExecuteAsync(row, ct);
                }
            }

            counts[shape.Table] = counts.GetValueOrDefault(shape.Table) + rows.Count;
            rows.Clear();
        }

        Pending = 0;
    }

    /// <summary>
    /// Rows by COPY … FROM STDIN (FORMAT BINARY): each value written as its CLR type's PostgreSQL type (int, text, date,
    /// timestamptz, numeric, bytea…), which has the same binary form as the column's own (varchar is text on the wire).
    /// </summary>
    private async Task CopyAsync(NpgsqlConnection npgsql, TableShape shape, List<object> rows, CancellationToken ct)
    {
        var copy = $"COPY {sql.DelimitIdentifier(shape.Table)} ({string.Join(", ", shape.Columns.Select(c => sql.DelimitIdentifier(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var import = await npgsql.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await import.StartRowAsync(ct);
            foreach (var column in shape.Columns)
            {
                var value = column.Value(row);
                if (value is DBNull)
                {
                    await import.WriteNullAsync(ct);
                }
                else
                {
                    await import.WriteAsync(value, ct);
                }
            }
        }

        await import.CompleteAsync(ct);
    }

    /// <summary>After the last flush: on PostgreSQL, each identity sequence that was written past is set to the table's largest id.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        if (!postgres)
        {
            return;
        }

        foreach (var table in nextIds.Keys)
        {
            var quoted = sql.DelimitIdentifier(table);
            await ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence('{quoted.Replace("'", "''", StringComparison.Ordinal)}', 'Id'), (SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM {quoted}), false)", ct);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var shape in shapes.Values)
        {
            shape.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<int> NextIdAsync(string table, CancellationToken ct)
    {
        if (!nextIds.TryGetValue(table, out var next))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COALESCE(MAX({sql.DelimitIdentifier("Id")}), 0) FROM {sql.DelimitIdentifier(table)}";
            next = Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) + 1;
        }

        nextIds[table] = next + 1;
        return next;
    }

    private async Task ExecuteAsync(string text, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        await command.ExecuteNonQueryAsync(ct);
    }

    private TableShape Shape(Type type)
    {
        if (!shapes.TryGetValue(type, out var shape))
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
            shapes[type] = shape = new TableShape(entityType);
            if (!postgres)
            {
                shape.Insert = new Statement(shape, sql, connection, transaction);
            }
        }

        return shape;
    }

    /// <summary>Every table of the model, each after the tables its foreign keys point to (self-references aside).</summary>
    private static List<string> TablesParentsFirst(IModel model)
    {
        var parents = new Dictionary<string, HashSet<string>>();
        foreach (var entityType in model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entityType.GetTableName()!;
            if (!parents.TryGetValue(table, out var set))
            {
                parents[table] = set = [];
            }

            foreach (var fk in entityType.GetForeignKeys())
            {
                if (fk.PrincipalEntityType.GetTableName() is { } principal && principal != table)
                {
                    set.Add(principal);
                }
            }
        }

        var order = new List<string>();
        var seen = new HashSet<string>();
        void Visit(string table)
        {
            if (!seen.Add(table))
            {
                return;
            }

            foreach (var parent in parents.GetValueOrDefault(table) ?? [])
            {
                Visit(parent);
            }

            order.Add(table);
        }

        foreach (var table in parents.Keys.Order(StringComparer.Ordinal))
        {
            Visit(table);
        }

        return order;
    }

    /// <summary>One entity type's table and columns: every mapped property (the key included) and the discriminator.</summary>
    private sealed class TableShape : IDisposable
    {
        public TableShape(IEntityType entityType)
        {
            Table = entityType.GetTableName()!;
            var store = StoreObjectIdentifier.Table(Table, entityType.GetSchema());
            var discriminator = entityType.FindDiscriminatorProperty();
            foreach (var p in entityType.GetProperties())
            {
                object? constant = null;
                if (p == discriminator)
                {
                    constant = entityType.GetDiscriminatorValue();
                }
                else if (p.IsShadowProperty())
                {
                    throw new InvalidOperationException($"{entityType.DisplayName()}.{p.Name} is a shadow property the generator cannot fill");
                }

                Columns.Add(new Column(p, p.GetColumnName(store)!, (RelationalTypeMapping)p.GetTypeMapping(), p.GetTypeMapping().Converter, constant));
            }
        }

        public string Table { get; }
        public List<Column> Columns { get; } = [];
        public Statement? Insert { get; set; }

        public void Dispose() => Insert?.Dispose();
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, ValueConverter? Converter, object? Constant)
    {
        public object Value(object row)
        {
            var value = Constant ?? Property.GetGetter().GetClrValue(row);
            if (value is not null && Converter is not null && Constant is null)
            {
                value = Converter.ConvertToProvider(value);
            }

            return value ?? DBNull.Value;
        }
    }

    /// <summary>A prepared one-row INSERT (SQLite), its parameters made once and refilled for each row.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly DbCommand command;
        private readonly TableShape shape;
        private bool prepared;

        public Statement(TableShape shape, ISqlGenerationHelper sql, DbConnection connection, DbTransaction transaction)
        {
            this.shape = shape;
            command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(shape.Table)).Append(" (")
                .AppendJoin(", ", shape.Columns.Select(c => sql.DelimitIdentifier(c.Name))).Append(") VALUES (");
            for (var c = 0; c < shape.Columns.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"g{c}");
                text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                var column = shape.Columns[c];
                command.Parameters.Add(column.Mapping.CreateParameter(command, sql.GenerateParameterName(name), null, column.Property.IsNullable));
            }

            command.CommandText = text.Append(')').ToString();
        }

        public async Task ExecuteAsync(object row, CancellationToken ct)
        {
            for (var c = 0; c < shape.Columns.Count; c++)
            {
                command.Parameters[c].Value = shape.Columns[c].Value(row);
            }

            if (!prepared)
            {
                prepared = true;
                await command.PrepareAsync(ct);
            }

            await command.ExecuteNonQueryAsync(ct);
        }

        public void Dispose() => command.Dispose();
    }
}
