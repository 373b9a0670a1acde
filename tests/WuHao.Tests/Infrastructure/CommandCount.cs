using System.Net;

namespace WuHao.Tests.Infrastructure;

/// <summary>How many SQL commands a request issues (from the EF command log the factory keeps).</summary>
public static class CommandCount
{
    public static async Task<int> OfAsync(WuHaoFactory factory, Func<Task<HttpResponseMessage>> request)
    {
        var before = Executed(factory);
        var response = await request();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Executed(factory) - before;
    }

    /// <summary>
    /// The SQL commands the app has issued so far, less the background jobs' own: the package worker polls its queue
    /// every couple of seconds and the jobs take leases, whatever request a test is counting.
    /// </summary>
    public static int Executed(WuHaoFactory factory) => factory.Logs.Count(IsRequestCommand);

    /// <summary>The log lines of the commands issued after the first <paramref name="mark"/> log lines, counted as <see cref="Executed"/> counts them.</summary>
    public static List<string> After(WuHaoFactory factory, int mark) => [.. factory.Logs.Skip(mark).Where(IsRequestCommand)];

    private static bool IsRequestCommand(string line) => line.Contains("Executed DbCommand", StringComparison.Ordinal)
        && !line.Contains("\"PackageJobs\"", StringComparison.Ordinal) && !line.Contains("\"JobLeases\"", StringComparison.Ordinal);
}
