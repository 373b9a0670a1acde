using System.Diagnostics;

namespace WuHao.Tests.Web;

/// <summary>
/// R-8.1 (issue 14, item 1): the pages get Bootstrap trimmed to the selectors the views, the C# and the scripts use
/// (232 KB whole, about 43 KB trimmed: less to fetch and far less to parse on a slow phone). The trimmed file is
/// committed so that the app runs without npm; this test fails when it is stale, e.g. after a view starts using a
/// Bootstrap class the committed file dropped, which would leave that element unstyled.
/// </summary>
public sealed class TrimmedBootstrapTests
{
    [Fact]
    public async Task The_served_Bootstrap_is_the_vendored_one_trimmed_to_what_the_app_uses_now()
    {
        var root = Root();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "trim-bootstrap.sh"), "--check"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{await output}\n{await error}");

        var served = await File.ReadAllTextAsync(Path.Combine(root, "src", "WuHao.Web", "wwwroot", "lib", "bootstrap", "css", "bootstrap.min.css"));
        var whole = await File.ReadAllTextAsync(Path.Combine(root, "tools", "purgecss", "bootstrap.min.css"));
        Assert.StartsWith("@charset \"UTF-8\";", served, StringComparison.Ordinal);
        Assert.True(served.Length < whole.Length / 3, $"trimmed {served.Length} bytes of {whole.Length}");

        // What every page stands on is still there; what no page uses is gone.
        foreach (var kept in new[] { ".btn-primary", ".table-responsive", ".navbar-expand-xl", ".form-check-input:checked", ".visually-hidden", ".form-control" })
        {
            Assert.Contains(kept, served, StringComparison.Ordinal);
        }

        foreach (var dropped in new[] { ".carousel", ".offcanvas", ".popover", ".toast" })
        {
            Assert.DoesNotContain(dropped, served, StringComparison.Ordinal);
        }
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WuHao.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("WuHao.slnx not found above " + AppContext.BaseDirectory);
    }
}
