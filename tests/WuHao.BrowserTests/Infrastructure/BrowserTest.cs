using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WuHao.Tests.Infrastructure;
using WuHao.Web.Domain;

namespace WuHao.BrowserTests.Infrastructure;

/// <summary>
/// The base of a browser test: a fresh browser context (own cookies) per test, pages on the running app,
/// logging in through the login page, and full-page screenshots under TestResults/screenshots.
/// </summary>
public abstract partial class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    /// <summary>A cheap Android phone held upright.</summary>
    public static readonly ViewportSize Phone = new() { Width = 360, Height = 800 };

    /// <summary>An office computer.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private static readonly Lazy<string> ScreenshotFolder = new(FindScreenshotFolder);

    private IBrowserContext? context;

    protected KestrelFactory Factory => fixture.Factory;

    protected IBrowserContext Context => context ?? throw new InvalidOperationException("no browser context");

    /// <summary>"Today" as the app sees it: China Standard Time on the app's clock.</summary>
    protected DateOnly Today => Factory.Time.Today();

    public async Task InitializeAsync()
    {
        context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Factory.Address.ToString(),
            ViewportSize = Phone,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        // Generous for a shared, loaded CI machine; a real failure still fails, only later.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
    }

    public async Task DisposeAsync()
    {
        if (context is not null)
        {
            await context.CloseAsync();
        }
    }

    protected static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Opens the login page in a new tab and logs in as a person would; returns that tab.</summary>
    protected async Task<IPage> LoginAsync(string userName, string password = TestData.Password)
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        return page;
    }

    /// <summary>A full-page screenshot at the given viewport, saved as TestResults/screenshots/{name}.png; the viewport is put back.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name, ViewportSize viewport)
    {
        // No caret or selection from the last keystroke in the picture.
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        var previous = page.ViewportSize;
        if (previous is null || previous.Width != viewport.Width || previous.Height != viewport.Height)
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotFolder.Value, $"{name}-{viewport.Width}x{viewport.Height}.png"),
            FullPage = true,
        });

        if (previous is not null && (previous.Width != viewport.Width || previous.Height != viewport.Height))
        {
            await page.SetViewportSizeAsync(previous.Width, previous.Height);
        }
    }

    /// <summary>Screenshots at phone and at desktop width.</summary>
    protected static async Task ScreenshotsAsync(IPage page, string name)
    {
        await ScreenshotAsync(page, name, Phone);
        await ScreenshotAsync(page, name, Desktop);
    }

    /// <summary>The leading whole number of a figure such as "2（100%）".</summary>
    protected static async Task<int> FigureAsync(ILocator figure)
    {
        var text = (await figure.InnerTextAsync()).Trim();
        var match = LeadingNumber().Match(text);
        Assert.True(match.Success, $"figure \"{text}\" does not start with a number");
        return int.Parse(match.Value, CultureInfo.InvariantCulture);
    }

    private static string FindScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WuHao.slnx")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException($"WuHao.slnx not found above {AppContext.BaseDirectory}");
        }

        var folder = Path.Combine(dir.FullName, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [GeneratedRegex(@"^\d+")]
    private static partial Regex LeadingNumber();
}
