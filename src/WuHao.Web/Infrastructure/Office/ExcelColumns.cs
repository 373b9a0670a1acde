namespace WuHao.Web.Infrastructure.Office;

/// <summary>
/// One column of a roster spreadsheet: its Chinese header, how a cell goes into the input record (the same record a
/// form binds, so the same validator judges it), and how a record's read model comes out into a cell.
/// </summary>
public sealed class ExcelColumn<TInput, TDto>
{
    public required string Header { get; init; }

    /// <summary>The input property the validator names in its errors (to report them under this column).</summary>
    public string? Field { get; init; }

    /// <summary>Whether the column must be in the file (its field is required).</summary>
    public bool Required { get; init; }

    /// <summary>Puts a cell into the input; returns a Chinese message when the cell cannot be read.</summary>
    public required Func<TInput, object?, string?> Read { get; init; }

    public required Func<TDto, object?> Write { get; init; }

    /// <summary>The value in the template's example row.</summary>
    public object? Example { get; init; }

    /// <summary>What to write here, for the template's 填写说明 sheet.</summary>
    public string? Hint { get; init; }

    public double Width { get; init; } = 12;
    public bool IsDate { get; init; }

    /// <summary>A phone number: masked in exports for users who may not edit the unit.</summary>
    public bool IsPhone { get; init; }

    /// <summary>Other headers accepted for this column, e.g. 电话 for 联系电话.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

/// <summary>Builders of the usual kinds of columns: <c>var c = new ExcelColumns/// <summary>Builders of the usual kinds of columns.</summary>lt;ElderInput, ElderDto/// <summary>Builders of the usual kinds of columns.</summary>gt;(); c.Text(…)</c>.</summary>
public sealed class ExcelColumns<TInput, TDto>
{
    public ExcelColumn<TInput, TDto> Text(string header, string field, Action<TInput, string?> set, Func<TDto, string?> get,
        object? example = null, string? hint = null, bool required = false, double width = 12, params string[] aliases) => new()
    {
        Header = header, Field = field, Required = required, Example = example, Hint = hint, Width = width, Aliases = aliases,
        Read = (input, cell) =>
        {
            set(input, ExcelCells.Text(cell));
            return null;
        },
        Write = dto => get(dto),
    };

    /// <summary>A term of a vocabulary; an unknown term is left for the validator, whose message lists the choices.</summary>
    public ExcelColumn<TInput, TDto> Choice(string header, string field, Action<TInput, string?> set, Func<TDto, string?> get,
        IReadOnlyList<string> choices, object? example = null, bool required = false, double width = 10) =>
        Text(header, field, set, get, example, "可选：" + string.Join("、", choices), required, width);

    public ExcelColumn<TInput, TDto> Phone(string header, string field, Action<TInput, string?> set, Func<TDto, string?> get,
        object? example = null) => new()
    {
        Header = header, Field = field, Example = example, Hint = "7到20位数字，可含空格、加号和横线", Width = 15, IsPhone = true, Aliases = ["电话", "手机", "手机号"],
        Read = (input, cell) =>
        {
            set(input, ExcelCells.Text(cell));
            return null;
        },
        Write = dto => get(dto),
    };

    public ExcelColumn<TInput, TDto> Date(string header, string field, Action<TInput, DateOnly?> set, Func<TDto, DateOnly?> get,
        object? example = null, bool required = false) => new()
    {
        Header = header, Field = field, Required = required, Example = example, Width = 13, IsDate = true,
        Hint = "日期，如" + ExcelCells.DateFormats,
        Read = (input, cell) =>
        {
            set(input, ExcelCells.Date(cell, out var error));
            return error;
        },
        Write = dto => get(dto) is { } d ? d.ToDateTime(TimeOnly.MinValue) : null,
    };

    public ExcelColumn<TInput, TDto> Bool(string header, string field, Action<TInput, bool> set, Func<TDto, bool> get, object? example = null) => new()
    {
        Header = header, Field = field, Example = example, Hint = "是 或 否", Width = 9,
        Read = (input, cell) =>
        {
            set(input, ExcelCells.Bool(cell, out var error));
            return error;
        },
        Write = dto => get(dto) ? "是" : "否",
    };

    public ExcelColumn<TInput, TDto> Amount(string header, string field, Action<TInput, decimal?> set, Func<TDto, decimal?> get,
        object? example = null, string? hint = null) => new()
    {
        Header = header, Field = field, Example = example, Hint = hint ?? "数字", Width = 12,
        Read = (input, cell) =>
        {
            set(input, ExcelCells.Amount(cell, out var error));
            return error;
        },
        Write = dto => get(dto),
    };
}

/// <summary>Limits of one upload, from configuration section "Excel" (README).</summary>
public sealed class ExcelOptions
{
    public const string Section = "Excel";

    /// <summary>Data rows per import.</summary>
    public int MaxRows { get; set; } = 5000;

    /// <summary>Size of the uploaded file.</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Size of the workbook's parts once unpacked (a guard against zip bombs).</summary>
    public long MaxUnpackedBytes { get; set; } = 200 * 1024 * 1024;

    public string MaxBytesText => MaxBytes % (1024 * 1024) == 0 ? $"{MaxBytes / (1024 * 1024)}MB" : $"{MaxBytes / 1024}KB";
}
