using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WuHao.Tests.Infrastructure;

/// <summary>A browser without a browser: cookies, real HTML forms with their antiforgery tokens, no redirects followed.</summary>
public sealed class PageClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public static PageClient Anonymous(WuHaoFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = factory.ClientOptions.BaseAddress }));

    /// <summary>Logs in through the login page's form, as a person would.</summary>
    public static async Task<PageClient> LoginAsync(WuHaoFactory factory, string userName, string password = TestData.Password)
    {
        var client = Anonymous(factory);
        var response = await client.SubmitAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"login of {userName} failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, Parser.ParseDocument(html));
    }

    /// <summary>
    /// Loads <paramref name="url"/>, takes its form (the first with a submit button unless <paramref name="formSelector"/> says),
    /// keeps every field's current value (hidden version and antiforgery token included), overrides with
    /// <paramref name="fields"/> (a null value removes the field) and posts it to the form's action.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, Dictionary<string, string?> fields, string? formSelector = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var (response, doc) = await GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        var form = (formSelector is null
                ? doc.Forms.FirstOrDefault(f => f.QuerySelector("button[type=submit]") is not null && f.GetAttribute("action") != "/Account/Logout")
                : doc.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"no form on {url}");
        return await PostFormAsync(form, url, fields, extra);
    }

    public async Task<HttpResponseMessage> PostFormAsync(IHtmlFormElement form, string pageUrl, Dictionary<string, string?> fields, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || fields.ContainsKey(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        values.Add(new(name, box.Value));
                    }

                    break;
                case IHtmlInputElement input when input.Type != "submit":
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    values.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
            }
        }

        values.AddRange(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)));
        if (extra is not null)
        {
            values.AddRange(extra);
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await Http.PostAsync(target, new FormUrlEncodedContent(values));
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// Like <see cref="SubmitAsync"/>, for a multipart form with files, as a browser without JavaScript posts it:
    /// the form's fields (overridden by <paramref name="fields"/>) and each of <paramref name="files"/> under its field name.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitMultipartAsync(string url, Dictionary<string, string?> fields, IEnumerable<(string Field, string FileName, byte[] Data)> files,
        IEnumerable<KeyValuePair<string, string>>? extra = null, string? formSelector = null)
    {
        var (response, doc) = await GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        var form = (formSelector is null
                ? doc.Forms.FirstOrDefault(f => f.QuerySelector("button[type=submit]") is not null && f.GetAttribute("action") != "/Account/Logout")
                : doc.QuerySelector(formSelector) as IHtmlFormElement)
            ?? throw new InvalidOperationException($"no form on {url}");
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in FieldValues(form, fields).Concat(extra ?? []))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, data) in files)
        {
            var part = new ByteArrayContent(data);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, field, fileName);
        }

        var action = form.GetAttribute("action");
        return await Http.PostAsync(string.IsNullOrEmpty(action) ? url : action, content);
    }

    private static List<KeyValuePair<string, string>> FieldValues(IHtmlFormElement form, Dictionary<string, string?> fields)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || fields.ContainsKey(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        values.Add(new(name, box.Value));
                    }

                    break;
                case IHtmlInputElement { Type: "file" or "submit" }:
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    values.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
            }
        }

        values.AddRange(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)));
        return values;
    }
}

/// <summary>An API caller with a bearer token from /api/v1/auth/login.</summary>
public static class ApiClient
{
    public static async Task<HttpClient> LoginAsync(WuHaoFactory factory, string userName, string password = TestData.Password)
    {
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = factory.ClientOptions.BaseAddress });
        var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"API login of {userName} failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return http;
    }
}
