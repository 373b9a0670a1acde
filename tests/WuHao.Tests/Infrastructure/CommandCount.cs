using System.Net;

namespace WuHao.Tests.Infrastructure;

/// <summary>How many SQL commands a request issues (from the EF command log the factory keeps).</summary>
public static class CommandCount
{
    public static async Task<int> OfAsync(WuHaoFactory factory, Func<Task<HttpResponseMessage>> request)
    {
        // The package worker polls its queue every couple of seconds on its own: its commands are not the request's.
        static int Count(IEnumerable<string> logs) => logs.Count(l => l.Contains("Executed DbCommand", StringComparison.Ordinal)
            && !l.Contains("\"PackageJobs\"", StringComparison.Ordinal) && !l.Contains("\"JobLeases\"", StringComparison.Ordinal));
        var before = Count(factory.Logs);
        var response = await request();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Count(factory.Logs) - before;
    }
}
