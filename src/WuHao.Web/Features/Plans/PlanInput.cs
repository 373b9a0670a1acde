using WuHao.Web.Domain;

namespace WuHao.Web.Features.Plans;

/// <summary>One step as a form row or a JSON body carries it; a row left empty on the form is ignored.</summary>
public sealed class PlanStepInput
{
    public string? What { get; set; }
    public string? Responsible { get; set; }
    public DateOnly? Due { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(What) && string.IsNullOrWhiteSpace(Responsible) && Due is null;
}

/// <summary>One responsible person as a form row or a JSON body carries it; a row left empty on the form is ignored.</summary>
public sealed class PlanPersonInput
{
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Duty { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Duty);
}

/// <summary>
/// What creates or changes a plan. On create, a field left out (null) is filled from the seed plan's structure and
/// the unit's own team; a field given, even empty, is taken as given.
/// </summary>
public sealed class PlanInput
{
    /// <summary>The campaign the plan is for (create only); null: the newest campaign that covers the unit.</summary>
    public int? CampaignId { get; set; }
    public string? Title { get; set; }
    public List<string?>? Goals { get; set; }
    public List<PlanStepInput>? Steps { get; set; }
    public List<PlanPersonInput>? People { get; set; }
    public string? Requirements { get; set; }
    public string? Notes { get; set; }
    public int Version { get; set; }

    public static PlanInput From(PlanContent c, int version = 0) => new()
    {
        Title = c.Title,
        Goals = [.. c.Goals],
        Steps = [.. c.Steps.Select(s => new PlanStepInput { What = s.What, Responsible = s.Responsible, Due = s.Due })],
        People = [.. c.People.Select(p => new PlanPersonInput { Name = p.Name, Role = p.Role, Duty = p.Duty })],
        Requirements = c.Requirements,
        Notes = c.Notes,
        Version = version,
    };

    /// <summary>The input with the template's content wherever a field was left out.</summary>
    public PlanInput FilledFrom(PlanContent template) => new()
    {
        CampaignId = CampaignId,
        Title = Title ?? template.Title,
        Goals = Goals ?? [.. template.Goals],
        Steps = Steps ?? [.. template.Steps.Select(s => new PlanStepInput { What = s.What, Responsible = s.Responsible, Due = s.Due })],
        People = People ?? [.. template.People.Select(p => new PlanPersonInput { Name = p.Name, Role = p.Role, Duty = p.Duty })],
        Requirements = Requirements ?? template.Requirements,
        Notes = Notes ?? template.Notes,
        Version = Version,
    };

    /// <summary>The checked input as content (trimmed, empty rows dropped); call after <see cref="Validate"/> found nothing.</summary>
    public PlanContent ToContent() => new(
        Title!.Trim(),
        [.. (Goals ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g!.Trim())],
        [.. (Steps ?? []).Where(s => !s.IsEmpty).Select(s => new PlanStepContent(s.What!.Trim(), s.Responsible!.Trim(), s.Due!.Value))],
        [.. (People ?? []).Where(p => !p.IsEmpty).Select(p => new PlanPersonContent(p.Name!.Trim(), p.Role!.Trim(), Infrastructure.Web.Text.Clean(p.Duty)))],
        Infrastructure.Web.Text.Clean(Requirements),
        Infrastructure.Web.Text.Clean(Notes));

    /// <summary>Every mistake at once, in Chinese; field names as the API and the form name them.</summary>
    public Infrastructure.Web.ValidationErrors Validate()
    {
        var errors = new Infrastructure.Web.ValidationErrors();
        if (string.IsNullOrWhiteSpace(Title))
        {
            errors.Add("title", "请填写方案名称");
        }
        else if (Title.Trim().Length > 200)
        {
            errors.Add("title", "方案名称不能超过200个字");
        }

        var goals = (Goals ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).ToList();
        if (goals.Count == 0)
        {
            errors.Add("goals", "请至少填写一项创建目标");
        }
        else if (goals.Count > 20)
        {
            errors.Add("goals", "创建目标最多20项");
        }

        foreach (var (g, i) in (Goals ?? []).Select((g, i) => (g, i)).Where(x => x.g?.Trim().Length > 500))
        {
            errors.Add($"goals[{i}]", $"第{i + 1}项创建目标不能超过500个字");
        }

        var steps = (Steps ?? []).Select((s, i) => (s, i)).Where(x => !x.s.IsEmpty).ToList();
        if (steps.Count == 0)
        {
            errors.Add("steps", "请至少填写一个实施步骤（做什么、责任人、完成时间）");
        }
        else if (steps.Count > 50)
        {
            errors.Add("steps", "实施步骤最多50个");
        }

        foreach (var (s, i) in steps)
        {
            var at = $"steps[{i}]";
            Need(errors, $"{at}.what", $"第{i + 1}个步骤", "做什么", s.What, 500);
            Need(errors, $"{at}.responsible", $"第{i + 1}个步骤", "责任人", s.Responsible, 100);
            if (s.Due is not { } due)
            {
                errors.Add($"{at}.due", $"第{i + 1}个步骤：请填写完成时间");
            }
            else if (due.Year is < 2000 or > 2100)
            {
                errors.Add($"{at}.due", $"第{i + 1}个步骤：完成时间请填写2000年到2100年之间的日期");
            }
        }

        var people = (People ?? []).Select((p, i) => (p, i)).Where(x => !x.p.IsEmpty).ToList();
        if (people.Count == 0)
        {
            errors.Add("people", "请至少填写一名负责人（组织领导）");
        }
        else if (people.Count > 30)
        {
            errors.Add("people", "组织领导最多30人");
        }

        foreach (var (p, i) in people)
        {
            var at = $"people[{i}]";
            Need(errors, $"{at}.name", $"第{i + 1}名负责人", "姓名", p.Name, 50);
            Need(errors, $"{at}.role", $"第{i + 1}名负责人", "分工（如组长、副组长、成员）", p.Role, 50);
            if (p.Duty?.Trim().Length > 500)
            {
                errors.Add($"{at}.duty", $"第{i + 1}名负责人：职责不能超过500个字");
            }
        }

        if (Requirements?.Trim().Length > 4000)
        {
            errors.Add("requirements", "工作要求不能超过4000个字");
        }

        if (Notes?.Trim().Length > 8000)
        {
            errors.Add("notes", "其他内容不能超过8000个字");
        }

        return errors;
    }

    private static void Need(Infrastructure.Web.ValidationErrors errors, string field, string who, string label, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{who}：请填写{label}");
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(field, $"{who}：{label}不能超过{max}个字");
        }
    }
}

/// <summary>What a plan action carries: the version the user saw, and the township's comment (required to return).</summary>
public sealed record PlanActionInput(int Version, string? Comment = null);
