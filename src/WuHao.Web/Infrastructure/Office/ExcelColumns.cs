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

    /// <summary>Other headers accepted for this column besides <see cref="ExcelHeaders.Variants"/> of its header.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    private HashSet<string>? names;

    /// <summary>Whether a header of an uploaded file (as <see cref="ExcelHeaders.Normalise"/> made it) names this column.</summary>
    public bool Accepts(string normalised) => (names ??= ExcelHeaders.NamesOf(Header, Aliases)).Contains(normalised);
}

/// <summary>
/// Headers as township offices write them: a roster's sheet is typed by people, not made from our template, so
/// each header of the template has its usual variants, and any roster with a column of that header accepts them.
/// </summary>
public static class ExcelHeaders
{
    public static readonly IReadOnlyDictionary<string, string[]> Variants = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["性别"] = ["姓别", "男/女", "男女"],
        ["出生日期"] = ["出生年月", "出生年月日", "出生时间", "生日"],
        ["政治面貌"] = ["政治身份", "党派"],
        ["联系电话"] = ["电话", "手机", "手机号", "手机号码", "电话号码", "联系方式", "联系电话号码"],
        ["加入日期"] = ["加入时间", "参加时间", "入会时间", "加入年月", "参加日期", "入会日期", "参加工作时间"],
        ["原工作单位"] = ["原单位", "原工作单位及职务", "原单位职务", "原单位及职务", "原工作单位和职务", "原工作单位及职务职称"],
        ["原职务"] = ["原任职务", "原职务职称"],
        ["特长"] = ["专长", "特长爱好", "个人特长"],
        ["健康状况"] = ["身体状况", "健康情况"],
        ["类别"] = ["五老类别", "五老类型", "人员类别"],
        ["职务"] = ["现任职务", "担任职务", "班子职务"],
        ["任职开始"] = ["任职时间", "任职日期", "任职开始时间", "任职开始日期", "任现职时间"],
        ["任职结束"] = ["离任时间", "离任日期", "任职结束时间", "任职结束日期"],
        ["姓名或单位"] = ["爱心人士", "捐赠人", "捐赠单位", "捐赠人或单位", "捐赠人姓名", "单位名称"],
        ["类型"] = ["捐赠人类型", "爱心人士类型"],
        ["捐赠日期"] = ["捐赠时间"],
        ["捐赠内容"] = ["捐赠物品", "捐赠物资", "捐赠款物"],
        ["折合金额（元）"] = ["金额", "金额（元）", "捐赠金额", "捐赠金额（元）", "折合金额"],
        ["受赠对象"] = ["受助对象", "受益对象", "捐赠对象"],
    };

    private static readonly string[] Marks = ["（必填）", "(必填)", "（选填）", "(选填)", "（可选）", "(可选)"];

    /// <summary>
    /// A header cell as compared: without spaces and line breaks, the marks of a required column (*, （必填）), and a
    /// trailing note in brackets (出生日期（年月日）, 联系电话(手机)) unless it gives a unit (金额（万元）).
    /// </summary>
    public static string Normalise(string text)
    {
        var t = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Trim('*', '＊');
        foreach (var mark in Marks)
        {
            if (t.EndsWith(mark, StringComparison.Ordinal))
            {
                t = t[..^mark.Length];
            }
        }

        var open = t.LastIndexOfAny(['（', '(']);
        if (open > 0 && t[^1] is '）' or ')' && !t[open..].Contains('元', StringComparison.Ordinal))
        {
            t = t[..open];
        }

        return t.Trim('*', '＊');
    }

    internal static HashSet<string> NamesOf(string header, IEnumerable<string> aliases) =>
        [.. new[] { header }.Concat(aliases).Concat(Variants.GetValueOrDefault(header) ?? []).Select(Normalise)];
}

/// <summary>Builders of the usual kinds of columns: <c>var c = new ExcelColumns&lt;ElderInput, ElderDto&gt;(); c.Text(…)</c>.</summary>
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
        Header = header, Field = field, Example = example, Hint = "7到20位数字，可含空格、加号和横线", Width = 15, IsPhone = true,
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
