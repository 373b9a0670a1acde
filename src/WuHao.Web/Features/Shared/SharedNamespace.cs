using System.Diagnostics.CodeAnalysis;

// Features/Shared holds every piece that pages share: Razor's partials and layout (Razor looks there by
// convention) and the C# page bases and helpers beside them, in the namespace of the folder. "Shared" is a
// Visual Basic keyword, which CA1716 warns of; this assembly has no Visual Basic consumers.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:WuHao.Web.Features.Shared", Justification = "Razor's folder name; no Visual Basic consumers.")]
