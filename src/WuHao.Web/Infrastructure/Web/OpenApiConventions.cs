using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WuHao.Web.Infrastructure.Web;

/// <summary>
/// What every operation of the API document carries, set here once for every route a feature maps (R-8.2), so that
/// other systems can use the document as it is (Redocly's recommended rules, a generated client): a stable operationId,
/// the bearer requirement where the route needs a login, and the standard application/problem+json answers.
/// </summary>
public static partial class OpenApiConventions
{
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemType = "application/problem+json";

    /// <summary>The 4xx answers a route may give, in Chinese, as the app writes them (WebSetup's status pages, ApiProblems).</summary>
    private static readonly Dictionary<int, string> Answers = new()
    {
        [400] = "请求有误：参数或请求内容无法读取，或校验未通过（errors 按字段列出问题）。什么也没有保存。",
        [401] = "未登录或令牌无效：先 POST /api/v1/auth/login，再以 Authorization: Bearer <accessToken> 调用。",
        [403] = "无权进行此操作：您的角色可以查看但不能修改，或不能使用此功能。",
        [404] = "未找到：记录不存在，或不在您的权限范围内（不透露记录是否存在）。",
        [409] = "版本已过期：记录已被他人修改，什么也没有保存；current 为最新内容。",
        [413] = "上传的内容超过大小上限。",
        [415] = "文件类型不支持。",
    };

    /// <summary>Adds the conventions to the document's options.</summary>
    public static OpenApiOptions AddWuHaoConventions(this OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            Apply(operation, context);
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, _, _) =>
        {
            IntegersAsIntegers(schema);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            // The server is where the document was read ("https://host/"): Redocly wants no trailing slash.
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            return Task.CompletedTask;
        });
        return options;
    }

    private static void Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? "GET";
        var path = description.RelativePath ?? "";
        operation.OperationId ??= OperationId(method, path);
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { Schema: OpenApiSchema schema })
            {
                IntegersAsIntegers(schema);
            }
        }

        // The fallback policy asks for a login on every route that does not allow anonymous callers.
        var needsLogin = !metadata.OfType<IAllowAnonymous>().Any();
        if (needsLogin)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        }
        else
        {
            // An empty requirement: callable without a login (login, health check, calendar feed).
            operation.Security = [new OpenApiSecurityRequirement()];
        }

        var hasPathParameter = Parameter().IsMatch(path);
        var readsInput = description.ParameterDescriptions.Any(p => p.Source != Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Services
                && p.Source != Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Special)
            || operation.RequestBody is not null || !HttpMethods.IsGet(method);
        var versioned = description.ParameterDescriptions.Any(p =>
            string.Equals(p.Name, "version", StringComparison.OrdinalIgnoreCase)
            || p.Type?.GetInterfaces().Contains(typeof(IRecordInput)) == true
            || p.Type?.GetProperty("Version") is { PropertyType: var t } && (t == typeof(int) || t == typeof(int?)));
        var uploads = operation.RequestBody?.Content?.ContainsKey("multipart/form-data") == true;

        var statuses = new List<int>();
        if (readsInput)
        {
            statuses.Add(400);
        }

        if (needsLogin)
        {
            statuses.Add(401);
            statuses.Add(403);
        }

        if (hasPathParameter)
        {
            statuses.Add(404);
        }

        if (versioned && !HttpMethods.IsGet(method))
        {
            statuses.Add(409);
        }

        if (uploads)
        {
            statuses.Add(413);
            statuses.Add(415);
        }

        if (string.IsNullOrWhiteSpace(operation.Description))
        {
            operation.Description = $"{operation.Summary}。{(needsLogin ? "需要登录（Authorization: Bearer 令牌）" : "不需要登录")}；"
                + "出错时返回 application/problem+json（中文 title、detail），各状态码见响应。";
        }

        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = Answers[status],
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [ProblemType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                    },
                };
            }
            else if (operation.Responses[key] is OpenApiResponse { Description: null or "" or "Bad Request" or "Not Found" or "Conflict" or "Forbidden" or "Unauthorized" or "Payload Too Large" or "Unsupported Media Type" } known)
            {
                known.Description = Answers[status];
            }
        }
    }

    /// <summary>
    /// A stable, unique, camelCase operationId from the method and the route: the method, then the route's words after
    /// /api/v1, with a trailing parameter as By{Name}: GET /api/v1/units/{unitId}/activities is getUnitsActivities,
    /// GET /api/v1/activities/{id} is getActivitiesById. A route named with WithName keeps its name.
    /// </summary>
    public static string OperationId(string method, string relativePath)
    {
        var path = Constraint().Replace(relativePath.Trim('/'), "{${name}}");
        if (path.StartsWith("api/v1/", StringComparison.Ordinal))
        {
            path = path["api/v1/".Length..];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var id = new StringBuilder(method.ToLowerInvariant());
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            foreach (Match part in Part().Matches(segment))
            {
                if (part.Groups["param"].Success)
                {
                    if (last)
                    {
                        id.Append("By").Append(Pascal(part.Groups["param"].Value));
                    }
                }
                else
                {
                    id.Append(Pascal(part.Value));
                }
            }
        }

        return id.ToString();
    }

    /// <summary>
    /// A number is documented as the number it is: System.Text.Json's web defaults also read "5" for 5, which the
    /// generator writes as ["integer", "string"] with a pattern, and clients then generate strings (or defaults of the
    /// wrong type) for counts and ids.
    /// </summary>
    private static void IntegersAsIntegers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String)
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    private static string Pascal(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>API.md's error shape (RFC 9457), with the validation errors and the extensions the app adds.</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "application/problem+json（RFC 9457）：title 和 detail 为中文说明。校验错误时 errors 为 {字段: [消息]}；"
            + "导入出错时 errors 为 [{row, column, message}]；409 时 current 为记录的最新内容。",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "问题类型的 URI" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "问题的简短说明（中文）" },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32", Description = "HTTP 状态码" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "具体说明和处理办法（中文）" },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "出问题的请求" },
            ["errors"] = new OpenApiSchema { Description = "校验错误：{字段: [消息]}，导入时为 [{row, column, message}]" },
        },
    };

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}?]*)?\??\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    /// <summary>A route segment's parts: a parameter, or a word (letters and digits) between - . _ separators.</summary>
    [GeneratedRegex(@"\{(?<param>[a-zA-Z]+)\}|[A-Za-z0-9]+")]
    private static partial Regex Part();
}
