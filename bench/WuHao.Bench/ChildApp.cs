using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace WuHao.Bench;

/// <summary>
/// The app's own entry point (<c>--serve</c>, Production, Kestrel) in a child process on the scale bench's database, so
/// that its peak memory is the operations' own and not the bench's: the peak resident set read from
/// <c>/proc/&lt;pid&gt;/status</c> (VmHWM, the kernel's high-water mark) after each operation (R-8.3, issue 12).
/// </summary>
internal sealed class ChildApp : IAsyncDisposable
{
    private const string Password = "Bench@2024x";
    private readonly Process process;

    private ChildApp(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the child with <paramref name="settings"/> (KEY, VALUE) and waits for /healthz (at most 3 minutes).</summary>
    public static async Task<ChildApp> StartAsync(IEnumerable<(string Key, string Value)> settings)
    {
        int port;
        using (var listener = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo(Environment.ProcessPath!);
        if (Path.GetFileName(Environment.ProcessPath!) is not ("WuHao.Bench" or "WuHao.Bench.exe"))
        {
            start.ArgumentList.Add(typeof(ChildApp).Assembly.Location);
        }

        start.ArgumentList.Add("--serve");
        foreach (var (key, value) in settings.Append(("urls", address.ToString())).Append(("Proxy:AllowPlainHttp", "true")))
        {
            start.ArgumentList.Add($"{key}={value}");
        }

        var app = new ChildApp(Process.Start(start)!, address);
        using var health = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(200))
        {
            if (app.process.HasExited)
            {
                throw new InvalidOperationException($"the child app exited with {app.process.ExitCode}");
            }

            try
            {
                if ((await health.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or busy starting.
            }
        }

        await app.DisposeAsync();
        throw new TimeoutException("the child app did not answer /healthz within 3 minutes");
    }

    /// <summary>A client logged in as the bench's account (made by the in-process app on the same database).</summary>
    public async Task<HttpClient> ClientAsync(string userName = "bench")
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(10) };
        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The child's peak resident set so far, in MB (VmHWM of /proc/&lt;pid&gt;/status).</summary>
    public double PeakMegabytes()
    {
        var line = File.ReadLines($"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kb / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
