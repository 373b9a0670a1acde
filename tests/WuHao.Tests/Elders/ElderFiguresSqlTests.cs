using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Data;
using WuHao.Web.Domain;

namespace WuHao.Tests.Elders;

/// <summary>
/// The 五老 figures are counted by the database: the same number of commands for 4 or 40 五老, and the
/// numbers the rules give — one who left before the year's end is not counted, one who joined in the year counts as growth.
/// </summary>
public abstract class ElderFiguresSqlTests(WuHaoFactory factory)
{
    [Fact]
    public async Task R2_1_the_figures_of_4_and_of_40_elders_take_the_same_commands_and_count_the_active_ones()
    {
        var data = await TestData.CreateAsync(factory);
        var api = await ApiClient.LoginAsync(factory, data.User("village1"));
        var unit = data.Unit("A1");
        var year = factory.Time.Today().Year - 1;
        var baseline = await ActiveAsync(api, unit, year);

        await AddEldersAsync(unit, year, 4);
        var (few, small) = await FiguresAsync(api, unit, year);
        await AddEldersAsync(unit, year, 36);
        var (many, large) = await FiguresAsync(api, unit, year);

        Assert.Equal(few, many);
        // Of every four: three joined the year before (one of them left in the year) and one joined in the year: 3 active.
        Assert.Equal(baseline + 3, small.GetProperty("unit").GetProperty("active").GetInt32());
        Assert.Equal(baseline + 30, large.GetProperty("unit").GetProperty("active").GetInt32());
        Assert.Equal(large.GetProperty("unit").GetProperty("active").GetInt32() - large.GetProperty("unit").GetProperty("activeYearBefore").GetInt32(),
            large.GetProperty("unit").GetProperty("growth").GetInt32());
    }

    private async Task<int> ActiveAsync(HttpClient api, int unit, int year) =>
        (await FiguresAsync(api, unit, year)).Body.GetProperty("unit").GetProperty("active").GetInt32();

    private async Task<(int Commands, System.Text.Json.JsonElement Body)> FiguresAsync(HttpClient api, int unit, int year)
    {
        int Executed() => CommandCount.Executed(factory);
        var before = Executed();
        var response = await api.GetAsync($"/api/v1/units/{unit}/elder-figures?year={year}");
        var commands = Executed() - before;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (commands, await response.BodyAsync());
    }

    private async Task AddEldersAsync(int unit, int year, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var elders = new List<Elder>();
        for (var i = 0; i < count; i++)
        {
            var joined = i % 4 == 2 ? new DateOnly(year, 6, 1) : new DateOnly(year - 1, 3, 1);
            var elder = new Elder { UnitId = unit, Name = $"批量五老{i}", Gender = "男", Category = "老教师", JoinDate = joined };
            if (i % 4 == 1)
            {
                elder.StatusChanges.Add(new ElderStatusChange { UnitId = unit, Date = new DateOnly(year, 4, 1), Status = ElderStatuses.Left });
            }

            elders.Add(elder);
        }

        db.Elders.AddRange(elders);
        await db.SaveChangesAsync();
    }
}

public sealed class ElderFiguresSqlOnSqlite(SqliteFactory factory) : ElderFiguresSqlTests(factory), IClassFixture<SqliteFactory>;

public sealed class ElderFiguresSqlOnPostgres(PostgresFactory factory) : ElderFiguresSqlTests(factory), IClassFixture<PostgresFactory>;
