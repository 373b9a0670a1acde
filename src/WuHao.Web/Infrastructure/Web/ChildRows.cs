namespace WuHao.Web.Infrastructure.Web;

/// <summary>Brings a record's child rows (a deed's publicity, a meeting's honourees) in line with the rows of a form.</summary>
public static class ChildRows
{
    /// <summary>
    /// Row i of the form updates the i-th existing row (in <paramref name="existing"/>'s order); extra form rows are
    /// added, extra existing rows removed. Rows keep their ids where they can, so the change log shows edits as edits.
    /// </summary>
    public static void Sync<TRow, TInput>(List<TRow> rows, IReadOnlyList<TRow> existing, IReadOnlyList<TInput> wanted, Func<TRow> create, Action<TInput, TRow> apply)
    {
        for (var i = 0; i < Math.Max(wanted.Count, existing.Count); i++)
        {
            if (i >= wanted.Count)
            {
                rows.Remove(existing[i]);
                continue;
            }

            var row = i < existing.Count ? existing[i] : create();
            apply(wanted[i], row);
            if (i >= existing.Count)
            {
                rows.Add(row);
            }
        }
    }
}
