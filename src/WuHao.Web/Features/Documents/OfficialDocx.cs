using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Dw = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;

namespace WuHao.Web.Features.Documents;

/// <summary>
/// The one writer of the .docx documents, laid out as a Chinese official document after GB/T 9704:
/// A4, margins 37/35/28/26 mm (top/bottom/left/right), the title in 方正小标宋简体 二号, the body in 仿宋_GB2312 三号, the
/// headings in 黑体 (一级) and 楷体_GB2312 (二级), a fixed 28 pt line, the 发文字号 line and the signature block.
/// Each font is named with a fallback that a plain machine has (the font table's altName, e.g. 仿宋_GB2312 → FangSong,
/// SimSun as the run's complex-script face), so a machine without the official fonts still shows Chinese text.
/// Tables and the dossier's photos use a smaller size; everything else keeps the document's grid.
/// </summary>
public sealed class OfficialDocx : IDisposable
{
    /// <summary>The official faces and the face a plain Windows or Linux machine has in their place.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fallbacks = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TitleFont] = "SimSun",
        [BodyFont] = "FangSong",
        [Heading1Font] = "SimHei",
        [Heading2Font] = "KaiTi",
    };

    public const string TitleFont = "方正小标宋简体";
    public const string BodyFont = "仿宋_GB2312";
    public const string Heading1Font = "黑体";
    public const string Heading2Font = "楷体_GB2312";

    /// <summary>The face every font falls back to in the end, present with any Chinese Windows and as Noto Serif CJK SC elsewhere.</summary>
    public const string LastFallback = "SimSun";

    /// <summary>二号 (22 pt) and 三号 (16 pt) in half-points; tables use 四号 less one (12 pt).</summary>
    public const int TitleSize = 44, BodySize = 32, TableSize = 24;

    /// <summary>A4 in twentieths of a point, and the margins 37/35/28/26 mm.</summary>
    public const int PageWidth = 11906, PageHeight = 16838;
    public static readonly int MarginTop = Mm(37), MarginBottom = Mm(35), MarginLeft = Mm(28), MarginRight = Mm(26);

    /// <summary>Fixed line spacing, 28 pt.</summary>
    public const int LineTwips = 560;

    /// <summary>The writing width in EMU (for pictures): A4 less the side margins.</summary>
    public static long TextWidthEmu => (PageWidth - MarginLeft - MarginRight) * 635L;

    private readonly MemoryStream buffer = new();
    private readonly WordprocessingDocument document;
    private readonly Body body;
    private uint pictureId;

    public OfficialDocx()
    {
        document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.Document = new Document(body = new Body());
        var fonts = main.AddNewPart<FontTablePart>();
        fonts.Fonts = new Fonts(Fallbacks.Select(f => new Font(new AltName { Val = f.Value }, new FontCharSet { Val = "86" }) { Name = f.Key }));
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts(BodyFont), new FontSize { Val = S(BodySize) }, new Languages { EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(Spacing()))));
    }

    private static string S(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Mm(int mm) => (int)Math.Round(mm * 1440 / 25.4);

    /// <summary>A run's fonts: the official face for Chinese and Latin text, its fallback as the complex-script face, hinted East Asian.</summary>
    public static RunFonts Fonts(string face) => new()
    {
        Ascii = face, HighAnsi = face, EastAsia = face, ComplexScript = Fallbacks.GetValueOrDefault(face, LastFallback), Hint = FontTypeHintValues.EastAsia,
    };

    private static SpacingBetweenLines Spacing() => new() { Line = S(LineTwips), LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" };

    private static Run Run(string text, string face, int size, bool bold = false)
    {
        var props = new RunProperties(Fonts(face));
        if (bold)
        {
            props.Append(new Bold());
        }

        props.Append(new FontSize { Val = S(size) }, new FontSizeComplexScript { Val = S(size) });
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private Paragraph Add(JustificationValues justify, int firstLineChars, params Run[] runs)
    {
        var props = new ParagraphProperties(Spacing(), new Justification { Val = justify });
        if (firstLineChars > 0)
        {
            props.Append(new Indentation { FirstLineChars = firstLineChars * 100, FirstLine = S(firstLineChars * BodySize * 10) });
        }

        var p = new Paragraph(props);
        p.Append(runs);
        body.Append(p);
        return p;
    }

    /// <summary>The 发文字号 line, centred above the title (e.g. 甲一嘎查关字〔2026〕1号).</summary>
    public OfficialDocx Number(string number)
    {
        Add(JustificationValues.Center, 0, Run(number, BodyFont, BodySize));
        Add(JustificationValues.Center, 0);
        return this;
    }

    /// <summary>The title in 方正小标宋简体 二号, centred, followed by an empty line.</summary>
    public OfficialDocx Title(string title)
    {
        Add(JustificationValues.Center, 0, Run(title, TitleFont, TitleSize));
        Add(JustificationValues.Center, 0);
        return this;
    }

    /// <summary>A first-level heading (一、…) in 黑体.</summary>
    public OfficialDocx Heading1(string text)
    {
        Add(JustificationValues.Left, 2, Run(text, Heading1Font, BodySize));
        return this;
    }

    /// <summary>A second-level heading (（一）…) in 楷体_GB2312.</summary>
    public OfficialDocx Heading2(string text)
    {
        Add(JustificationValues.Left, 2, Run(text, Heading2Font, BodySize));
        return this;
    }

    /// <summary>A body paragraph, indented two characters; a text of several lines is several paragraphs.</summary>
    public OfficialDocx Paragraph(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Add(JustificationValues.Both, 2, Run(line, BodyFont, BodySize));
        }

        return this;
    }

    /// <summary>A line in the smaller table size without indent (a caption, a note under a table).</summary>
    public OfficialDocx Note(string text)
    {
        Add(JustificationValues.Left, 0, Run(text, BodyFont, TableSize));
        return this;
    }

    /// <summary>A table with a header row repeated on every page; cells in 仿宋 12 pt, single-line borders.</summary>
    public OfficialDocx Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }, new TableLayout { Type = TableLayoutValues.Autofit }));
        table.Append(Row(headers, header: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, header: false));
        }

        body.Append(table);
        Add(JustificationValues.Left, 0);
        return this;
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
        }
        else
        {
            row.Append(new TableRowProperties(new CantSplit()));
        }

        foreach (var cell in cells)
        {
            var p = new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Line = "360", LineRule = LineSpacingRuleValues.Auto, Before = "0", After = "0" }));
            p.Append(Run(cell, header ? Heading1Font : BodyFont, TableSize));
            row.Append(new TableCell(p));
        }

        return row;
    }

    /// <summary>A picture at its own pixel size shown at most the writing width wide (the caller has scaled the bytes).</summary>
    public OfficialDocx Picture(byte[] jpeg, int widthPx, int heightPx, string caption, long maxWidthEmu)
    {
        var main = document.MainDocumentPart!;
        var part = main.AddImagePart(ImagePartType.Jpeg);
        using (var data = new MemoryStream(jpeg, writable: false))
        {
            part.FeedData(data);
        }

        var id = ++pictureId;
        var cx = Math.Min(maxWidthEmu, widthPx * 9525L);
        var cy = widthPx == 0 ? 0 : cx * heightPx / widthPx;
        var relationship = main.GetIdOfPart(part);
        var picture = new Pic.Picture(
            new Pic.NonVisualPictureProperties(new Pic.NonVisualDrawingProperties { Id = id, Name = $"照片{id}", Description = caption }, new Pic.NonVisualPictureDrawingProperties()),
            new Pic.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
            new Pic.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }), new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
        var inline = new Dw.Inline(
            new Dw.Extent { Cx = cx, Cy = cy },
            new Dw.DocProperties { Id = id, Name = $"照片{id}", Description = caption },
            new Dw.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 };
        var p = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Left }), new Run(new Drawing(inline)));
        body.Append(p);
        Note(caption);
        return this;
    }

    public OfficialDocx PageBreak()
    {
        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        return this;
    }

    /// <summary>The signature block: the unit's name and the date (2023年6月20日), right-aligned four characters from the edge.</summary>
    public OfficialDocx Signature(string unitName, DateOnly date)
    {
        Add(JustificationValues.Left, 0);
        Add(JustificationValues.Left, 0);
        foreach (var line in new[] { unitName, ZhDate(date) })
        {
            var p = Add(JustificationValues.Right, 0, Run(line, BodyFont, BodySize));
            p.ParagraphProperties!.Append(new Indentation { Right = S(4 * BodySize * 10) });
        }

        return this;
    }

    /// <summary>A date as official documents write it: 2023年6月20日.</summary>
    public static string ZhDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>Finishes the document (A4, the margins) and copies it to <paramref name="output"/>.</summary>
    public async Task SaveAsync(Stream output, CancellationToken ct)
    {
        body.Append(new SectionProperties(
            new PageSize { Width = (uint)PageWidth, Height = (uint)PageHeight },
            new PageMargin
            {
                Top = MarginTop, Bottom = MarginBottom, Left = (uint)MarginLeft, Right = (uint)MarginRight,
                Header = (uint)Mm(15), Footer = (uint)Mm(28 - 7), Gutter = 0,
            },
            new DocGrid { Type = DocGridValues.Lines, LinePitch = LineTwips }));
        document.Save();
        document.Dispose();
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    public void Dispose()
    {
        document.Dispose();
        buffer.Dispose();
    }
}
