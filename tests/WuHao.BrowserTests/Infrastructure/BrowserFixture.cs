using Microsoft.Playwright;

namespace WuHao.BrowserTests.Infrastructure;

/// <summary>
/// One running app per test class, and one headless Chromium per test process, shared by every class (each test has
/// its own browser context, <see cref="BrowserTest"/>): a Chromium started for each class cost seconds a class on the
/// loaded CI machine. Chromium is the machine's own (WUHAO_CHROMIUM, else /usr/bin/chromium): Playwright's browser
/// download is never used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string ChromiumVariable = "WUHAO_CHROMIUM";
    private const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>The process's Chromium, started by the first class that needs it and closed when the process exits.</summary>
    private static readonly Lazy<Task<IBrowser>> SharedBrowser = new(LaunchAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private IBrowser? browser;

    public KestrelFactory Factory { get; } = new();

    public IBrowser Browser => browser ?? throw new InvalidOperationException("the browser has not started");

    public async Task InitializeAsync()
    {
        // Start the server and compile the first pages before any test's clock runs: on a loaded 2-core machine the
        // first request can take longer than a test's timeout.
        using (var warmUp = new HttpClient { BaseAddress = Factory.Address, Timeout = TimeSpan.FromMinutes(2) })
        {
            await warmUp.GetAsync("/Account/Login");
            await warmUp.GetAsync("/healthz");
        }

        browser = await SharedBrowser.Value;
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultChromium;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {executable}. Install the Debian package 'chromium' (apt-get install chromium), "
                + $"or set {ChromiumVariable} to a Chromium or Chrome executable.");
        }

        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=zh-CN",
            ],
            Env = ChineseEnvironment(),
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
                playwright.Dispose();
            }
            catch (Exception exception) when (exception is AggregateException or PlaywrightException or ObjectDisposedException)
            {
                // The driver has gone already: it closes its Chromium when it exits. A throw here would fail the test run.
            }
        };
        return browser;
    }

    /// <summary>
    /// This process's environment with a Chinese locale. Chromium on Linux takes the format of date inputs
    /// (年/月/日) and its built-in texts from its own locale (--lang, LANG), not from the context's, and only
    /// when Debian's chromium-l10n is installed; without it they stay en-US (mm/dd/yyyy), which changes
    /// screenshots but no test. The locale also makes fontconfig prefer the Simplified Chinese CJK font.
    /// </summary>
    private static Dictionary<string, string> ChineseEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        environment.Remove("LC_ALL");
        environment["LANG"] = "zh_CN.UTF-8";
        environment["LANGUAGE"] = "zh_CN:zh";
        return environment;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
