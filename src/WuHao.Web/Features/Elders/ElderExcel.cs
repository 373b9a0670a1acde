using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Office;

namespace WuHao.Web.Features.Elders;

/// <summary>The 五老名册 and 爱心人士名册 spreadsheets (R-7.3): columns in the order of the paper forms.</summary>
public static class ElderExcel
{
    public static readonly ExcelRoster<Elder, ElderInput, ElderDto> Roster = new()
    {
        Collection = ElderRecords.Collection,
        Title = "五老名册",
        ExportOrder = q => q.OrderBy(e => e.Id),
        Columns = ElderColumns(),
        Notes = ["状态：在册、暂停、退出、已故；不填为“在册”。不是“在册”时请填状态日期（从哪一天起）。", "同一单位中姓名和出生日期都相同的视为同一人，不能重复导入。"],
    };

    public static readonly ExcelRoster<Donor, DonorInput, DonorDto> DonorRoster = new()
    {
        Collection = DonorRecords.Collection,
        Title = "爱心人士名册",
        ExportOrder = q => q.OrderBy(d => d.Date).ThenBy(d => d.Id),
        Columns = DonorColumns(),
        Notes = ["每行是一次捐赠；同一爱心人士同一天的捐赠视为重复，不能重复导入。"],
    };

    private static List<ExcelColumn<ElderInput, ElderDto>> ElderColumns()
    {
        var c = new ExcelColumns<ElderInput, ElderDto>();
        return
        [
            c.Text("姓名", nameof(ElderInput.Name), (i, v) => i.Name = v, d => d.Name, "乌云其其格", "必填，不超过50字", required: true, width: 12),
            c.Choice("性别", nameof(ElderInput.Gender), (i, v) => i.Gender = v, d => d.Gender, Vocabulary.Genders, "女", required: true, width: 7),
            c.Text("民族", nameof(ElderInput.Ethnicity), (i, v) => i.Ethnicity = v, d => d.Ethnicity, "蒙古族", "如：蒙古族、汉族", width: 9),
            c.Date("出生日期", nameof(ElderInput.BirthDate), (i, v) => i.BirthDate = v, d => d.BirthDate, new DateOnly(1956, 3, 12)),
            c.Choice("政治面貌", nameof(ElderInput.PoliticalStatus), (i, v) => i.PoliticalStatus = v, d => d.PoliticalStatus, Vocabulary.PoliticalStatuses, "中共党员"),
            c.Phone("联系电话", nameof(ElderInput.Phone), (i, v) => i.Phone = v, d => d.Phone, "13912345678"),
            c.Choice("类别", nameof(ElderInput.Category), (i, v) => i.Category = v, d => d.Category, Vocabulary.ElderCategories, "老教师", required: true, width: 9),
            c.Text("原工作单位", nameof(ElderInput.FormerUnit), (i, v) => i.FormerUnit = v, d => d.FormerUnit, "胜利中心学校", width: 18),
            c.Text("原职务", nameof(ElderInput.FormerPost), (i, v) => i.FormerPost = v, d => d.FormerPost, "教师", width: 10),
            c.Text("特长", nameof(ElderInput.Specialties), (i, v) => i.Specialties = v, d => d.Specialties, "蒙古语授课、家庭教育指导", width: 20),
            c.Choice("健康状况", nameof(ElderInput.Health), (i, v) => i.Health = v, d => d.Health, Vocabulary.HealthStates, "良好"),
            c.Date("加入日期", nameof(ElderInput.JoinDate), (i, v) => i.JoinDate = v, d => d.JoinDate, new DateOnly(2023, 6, 1), required: true),
            new()
            {
                Header = "状态", Field = nameof(ElderInput.Status), Example = "在册", Width = 8,
                Hint = "可选：" + string.Join("、", ElderStatuses.Labels) + "；不填为在册",
                Read = (input, cell) =>
                {
                    var text = ExcelCells.Text(cell);
                    input.Status = ElderStatuses.Parse(text);
                    return text is not null && input.Status is null ? $"状态“{text}”不在可选范围内，可选：{string.Join("、", ElderStatuses.Labels)}" : null;
                },
                Write = d => ElderStatuses.Label(d.Status),
            },
            c.Date("状态日期", nameof(ElderInput.StatusDate), (i, v) => i.StatusDate = v, d => d.StatusDate, new DateOnly(2023, 6, 1)),
            c.Text("备注", nameof(ElderInput.Note), (i, v) => i.Note = v, d => d.Note, null, "不超过500字", width: 20),
        ];
    }

    private static List<ExcelColumn<DonorInput, DonorDto>> DonorColumns()
    {
        var c = new ExcelColumns<DonorInput, DonorDto>();
        return
        [
            c.Text("姓名或单位", nameof(DonorInput.Name), (i, v) => i.Name = v, d => d.Name, "科左中旗某某商贸有限公司", "必填，个人姓名或单位名称", required: true, width: 22),
            c.Choice("类型", nameof(DonorInput.Kind), (i, v) => i.Kind = v, d => d.Kind, Vocabulary.DonorKinds, "企业", required: true),
            c.Text("联系人", nameof(DonorInput.ContactPerson), (i, v) => i.ContactPerson = v, d => d.ContactPerson, "王经理", width: 10),
            c.Phone("联系电话", nameof(DonorInput.Phone), (i, v) => i.Phone = v, d => d.Phone, "13812345678"),
            c.Date("捐赠日期", nameof(DonorInput.Date), (i, v) => i.Date = v, d => d.Date, new DateOnly(2023, 9, 1), required: true),
            c.Text("捐赠内容", nameof(DonorInput.Gift), (i, v) => i.Gift = v, d => d.Gift, "助学金2000元、书包30个", "必填", required: true, width: 24),
            c.Amount("折合金额（元）", nameof(DonorInput.Amount), (i, v) => i.Amount = v, d => d.Amount, 3500m, "数字，可不填"),
            c.Text("受赠对象", nameof(DonorInput.Recipient), (i, v) => i.Recipient = v, d => d.Recipient, "胜利嘎查困境儿童", width: 18),
            c.Text("备注", nameof(DonorInput.Note), (i, v) => i.Note = v, d => d.Note, null, "不超过500字", width: 20),
        ];
    }
}
