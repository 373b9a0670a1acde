using System.Linq.Expressions;
using WuHao.Web.Domain;

namespace WuHao.Web.Features.Indicators;

/// <summary>
/// The measures of the indicator system (shared/API.md), computed in SQL for a whole set of units at once: every
/// request of a batch becomes one grouped sub-select, and the batch travels as ONE UNION ALL command, whatever the
/// number of units, records or indicators (DESIGN.md "The scoring engine"; ADR-012).
/// </summary>
public static partial class MeasureQueries
{
    /// <summary>Dated records that a count, a sum or a <c>within</c> rule reads.</summary>
    public static readonly IReadOnlyDictionary<string, IRecordSource> Sources = new Dictionary<string, IRecordSource>
    {
        ["partyMeetings"] = new RecordSource<PartyMeeting>
        {
            Collection = "party-meetings", Set = db => db.PartyMeetings, Date = r => r.Date, Title = r => r.Topic,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<PartyMeeting, bool>>>>
            {
                ["organisations"] = v => r => r.Organisations.Any(o => v.Contains(o.Value)),
            },
        },
        ["studySessions"] = new RecordSource<StudySession>
        {
            Collection = "study-sessions", Set = db => db.StudySessions, Date = r => r.Date, Title = r => r.Topic,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<StudySession, bool>>>>
            {
                ["kind"] = v => r => v.Contains(r.Kind),
            },
        },
        ["trainings"] = new RecordSource<Training>
        {
            Collection = "trainings", Set = db => db.Trainings, Date = r => r.Date, Title = r => r.Content,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<Training, bool>>>>
            {
                ["inPartyPlan"] = v => r => v.Contains(r.InPartyPlan ? "是" : "否"),
            },
        },
        ["commendationMeetings"] = new RecordSource<CommendationMeeting>
        {
            Collection = "commendations", Set = db => db.CommendationMeetings, Date = r => r.Date, Title = r => r.Title,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<CommendationMeeting, bool>>>>
            {
                ["level"] = v => r => v.Contains(r.Level),
            },
        },
        ["deeds"] = new RecordSource<Deed>
        {
            Collection = "deeds", Set = db => db.Deeds, Date = r => r.Date, Title = r => r.Title,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<Deed, bool>>>>
            {
                ["publicised"] = v => r => v.Contains(r.Publicity.Any() ? "是" : "否"),
            },
        },
        ["studios"] = new RecordSource<Studio>
        {
            Collection = "studios", Set = db => db.Studios, Date = r => r.SetUpDate, Title = r => r.Name, Cumulative = true,
        },
        ["donors"] = new RecordSource<Donor>
        {
            Collection = "donors", Set = db => db.Donors, Date = r => r.Date, Title = r => r.Name,
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<Donor, bool>>>>
            {
                ["kind"] = v => r => v.Contains(r.Kind),
            },
        },
        ["activities"] = new RecordSource<Activity>
        {
            Collection = "activities", Set = db => db.Activities, Date = r => r.Date, Title = r => r.Title,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<Activity, bool>>>>
            {
                ["types"] = v => r => r.Types.Any(t => v.Contains(t.Value)),
                ["partners"] = v => r => r.Partners.Any(t => v.Contains(t.Value)),
                ["mode"] = v => r => v.Contains(r.Mode),
            },
        },
        ["investigations"] = new RecordSource<Investigation>
        {
            Collection = "investigations", Set = db => db.Investigations, Date = r => r.Date, Title = r => r.Topic,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<Investigation, bool>>>>
            {
                ["targetGroups"] = v => r => r.TargetGroups.Any(t => v.Contains(t.Value)),
                ["method"] = v => r => v.Contains(r.Method),
            },
        },
        ["experiences"] = new RecordSource<Experience>
        {
            Collection = "experiences", Set = db => db.Experiences, Date = r => r.Date, Title = r => r.Title,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<Experience, bool>>>>
            {
                ["level"] = v => r => v.Contains(r.Level!),
            },
        },
        ["civilizationEntries"] = new RecordSource<CivilizationEntry>
        {
            Collection = "civilization-entries", Set = db => db.CivilizationEntries, Date = r => r.Date ?? new DateOnly(r.Year, 1, 1),
            Year = r => r.Year, Title = r => r.Subject,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<CivilizationEntry, bool>>>>
            {
                ["kind"] = v => r => v.Contains(r.Kind),
            },
        },
        ["archiveDocuments"] = new RecordSource<ArchiveEntry>
        {
            Collection = "archive", Set = db => db.ArchiveEntries, Date = r => r.Date, Year = r => r.Year, Title = r => r.Title,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<ArchiveEntry, bool>>>>
            {
                ["category"] = v => r => v.Contains(r.Category),
            },
        },
        ["funds"] = new RecordSource<FundEntry>
        {
            Collection = "funds", Set = db => db.Funds, Date = r => r.Date, Title = r => r.Purpose,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<FundEntry, bool>>>>
            {
                ["direction"] = v => r => v.Contains(r.Direction),
                ["source"] = v => r => v.Contains(r.Source!),
            },
        },
        ["ruleDocuments"] = new RecordSource<RuleDocument>
        {
            Collection = "rule-documents", Set = db => db.RuleDocuments, Date = r => r.AdoptedOn, Title = r => r.Title, Cumulative = true,
            HasEvidence = r => r.Files.Any(),
            Filters = new Dictionary<string, Func<IReadOnlyList<string>, Expression<Func<RuleDocument, bool>>>>
            {
                ["posted"] = v => r => v.Contains(r.IsPosted ? "是" : "否"),
            },
        },
        ["workCycle"] = new RecordSource<WorkCycleEntry>
        {
            Collection = "work-cycle", Set = db => db.WorkCycle, Date = r => r.Date, Year = r => r.Year, Title = r => r.Title,
            HasEvidence = r => r.Files.Any(),
        },
    };
}
