using WuHao.Web.Domain;
using WuHao.Web.Features.Indicators;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Documents;

/// <summary>A package's failure as the API shows it.</summary>
public sealed record PackageFailureDto(string Unit, string Document, string Reason);

/// <summary>A package job's state: queued, running, finished or failed; units done of units in all.</summary>
public sealed record PackageStatusDto(
    Guid Id, int UnitId, int Year, string State, int Done, int Total, IReadOnlyList<PackageFailureDto> Failures,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? DownloadUrl);

/// <summary>The one-click acceptance package's routes (issue 11 item 4, R-7.1– ): start, status, the file.</summary>
public static class PackageApi
{
    private const string Tag = "文书与汇总";
    public const string ZipType = "application/zip";
    public const string NoUnitsBelow = "村（社区）等基层单位没有下辖单位：验收材料包由乡镇（苏木）或旗生成。";

    public static IServiceCollection AddPackages(this IServiceCollection services)
    {
        services.AddOptions<PackageOptions>().BindConfiguration(PackageOptions.Section);
        services.AddScoped<PackageJobs>();
        services.AddSingleton<PackageSignal>();
        services.AddHostedService<PackageBuilder>();
        return services;
    }

    /// <summary>Only a township, banner (or above) has units below to package.</summary>
    public static bool HasUnitsBelow(UnitType type) => type is UnitType.Region or UnitType.League or UnitType.Banner or UnitType.Township;

    public static string StatusUrl(int unitId, int year) => FormattableString.Invariant($"/api/v1/units/{unitId}/package?year={year}");

    public static string FileUrl(int unitId, int year) => FormattableString.Invariant($"/api/v1/units/{unitId}/package/file?year={year}");

    public static PackageStatusDto ToDto(PackageJob job) => new(
        job.Id, job.UnitId, job.Year, job.State.ToString().ToLowerInvariant(), job.Done, job.Total,
        [.. job.Failures.Select(f => new PackageFailureDto(f.Unit, f.Document, f.Reason))],
        job.CreatedAt, job.ExpiresAt, job.State == PackageState.Finished ? FileUrl(job.UnitId, job.Year) : null);

    /// <summary>The unit in the caller's scope that may have a package, or the answer to give instead.</summary>
    private static async Task<(UnitHeader? Unit, int Year, IResult? Problem)> UnitAsync(EvaluationPages pages, int unitId, int? year, CancellationToken ct)
    {
        var found = await pages.UnitAsync(unitId, year, null, forMatrix: true, ct);
        if (found.Invalid is { } invalid)
        {
            return (null, 0, invalid);
        }

        if (found.Unit is null)
        {
            return (null, 0, found.ProblemResult ?? ApiProblems.NotFound());
        }

        return HasUnitsBelow(found.Unit.Type)
            ? (found.Unit, found.Year, null)
            : (null, 0, ApiProblems.Invalid("unitId", NoUnitsBelow));
    }

    public static void MapPackageApi(this RouteGroupBuilder api)
    {
        api.MapPost("/units/{unitId:int}/package", async Task<IResult> (int unitId, int? year, EvaluationPages pages, PackageJobs jobs, CancellationToken ct) =>
            {
                var (unit, y, problem) = await UnitAsync(pages, unitId, year, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var job = await jobs.StartAsync(unit!, y, ct);
                return TypedResults.Accepted(StatusUrl(unitId, y), ToDto(job));
            })
            .WithTags(Tag).WithSummary("生成验收材料包（后台任务）")
            .WithDescription("在后台把下辖每个单位（与评估矩阵相同的单位）的自查报告、台账等文件各放进以单位命名的文件夹，再加上乡镇（旗）的汇总表、验收报告和列明内容与失败项的“说明.txt”，打成一个 .zip。"
                + "同一单位同一年度已有正在生成或一天内生成好的材料包时，返回同一个任务（同一 id），不重复生成。返回 202 和任务状态；用 GET 同一地址查进度。"
                + "村（社区）没有下辖单位：400。不在本人范围内的单位：404。")
            .Produces<PackageStatusDto>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/units/{unitId:int}/package", async Task<IResult> (int unitId, int? year, EvaluationPages pages, PackageJobs jobs, CancellationToken ct) =>
            {
                var (unit, y, problem) = await UnitAsync(pages, unitId, year, ct);
                if (problem is not null)
                {
                    return problem;
                }

                return await jobs.FindAsync(unit!.Id, y, ct) is { } job
                    ? TypedResults.Ok(ToDto(job))
                    : TypedResults.Problem(title: "还没有生成材料包", detail: "该单位该年度没有正在生成或一天内生成的材料包，请先生成。", statusCode: 404);
            })
            .WithTags(Tag).WithSummary("验收材料包的进度")
            .WithDescription("state：queued（排队）、running（生成中）、finished（已完成）、failed（失败）；done/total：已完成的下辖单位数/下辖单位总数；failures：未能生成的单位和文件及原因；"
                + "finished 时 downloadUrl 是下载地址，expiresAt 之后（完成后一天）文件删除。没有任务或已过期：404。")
            .Produces<PackageStatusDto>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/units/{unitId:int}/package/file", async Task<IResult> (int unitId, int? year, EvaluationPages pages, PackageJobs jobs, CancellationToken ct) =>
            {
                var (unit, y, problem) = await UnitAsync(pages, unitId, year, ct);
                if (problem is not null)
                {
                    return problem;
                }

                if (await jobs.FindAsync(unit!.Id, y, ct) is not { State: PackageState.Finished } job || !File.Exists(job.FilePath))
                {
                    return TypedResults.Problem(title: "没有可下载的材料包", detail: "材料包还没生成好，或已超过一天被删除，请重新生成。", statusCode: 404);
                }

                return TypedResults.PhysicalFile(job.FilePath, ZipType, job.FileName);
            })
            .WithTags(Tag).WithSummary("下载验收材料包（.zip）")
            .WithDescription("生成好的材料包，保留一天。没有、还没生成好或已过期：404。")
            .Produces(StatusCodes.Status200OK, contentType: ZipType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
