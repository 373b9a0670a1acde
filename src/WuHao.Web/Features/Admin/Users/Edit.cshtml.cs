using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using WuHao.Web.Data;
using WuHao.Web.Domain;
using WuHao.Web.Infrastructure.Authorization;
using WuHao.Web.Infrastructure.Web;

namespace WuHao.Web.Features.Admin.Users;

/// <summary>Create an account, or change its name, unit, role and state; reset its password (system admin only).</summary>
[ScopedRecord(typeof(AppUser))]
public sealed class EditModel(AppDbContext db, UserManager<AppUser> users, TimeProvider time) : PageModel
{
    public sealed record UserInput
    {
        [Display(Name = "用户名"), Required(ErrorMessage = Msg.Required), StringLength(50, ErrorMessage = Msg.Length)]
        public string? UserName { get; set; }

        [Display(Name = "姓名"), Required(ErrorMessage = Msg.Required), StringLength(50, ErrorMessage = Msg.Length)]
        public string? DisplayName { get; set; }

        [Display(Name = "单位"), Required(ErrorMessage = Msg.Choose)]
        public int? UnitId { get; set; }

        [Display(Name = "角色"), Required(ErrorMessage = Msg.Choose)]
        public string? Role { get; set; }

        [Display(Name = "停用")]
        public bool IsDisabled { get; set; }

        [Display(Name = "困境青少年档案权限")]
        public bool MayKeepYouthCases { get; set; }

        /// <summary>Only when creating.</summary>
        [Display(Name = "初始密码")]
        public string? Password { get; set; }

        public string? ConcurrencyStamp { get; set; }
    }

    public sealed record ResetInput
    {
        [Display(Name = "新密码"), Required(ErrorMessage = Msg.Required)]
        public string? NewPassword { get; set; }
    }

    public UserInput Input { get; private set; } = new();

    public ResetInput Reset { get; private set; } = new();

    public string? Id { get; private set; }
    public string? Message { get; private set; }
    public bool Stale { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? id, string? message, CancellationToken ct)
    {
        await LoadUnitsAsync(ct);
        Id = id;
        Message = message;
        if (id is null)
        {
            Input = new UserInput { Role = Roles.Village };
            return Page();
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        Input = new UserInput
        {
            UserName = user.UserName, DisplayName = user.DisplayName, UnitId = user.UnitId, IsDisabled = user.IsDisabled,
            Role = (await users.GetRolesAsync(user)).FirstOrDefault(), ConcurrencyStamp = user.ConcurrencyStamp,
            MayKeepYouthCases = (await users.GetClaimsAsync(user)).Any(c => c.Type == WuHaoClaims.Permission && c.Value == WuHaoClaims.YouthCases),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, [Bind(Prefix = "Input")] UserInput input, CancellationToken ct)
    {
        Input = input;
        await LoadUnitsAsync(ct);
        Id = id;
        if (!Roles.All.Contains(Input.Role ?? ""))
        {
            ModelState.AddModelError("Input.Role", "请选择有效的角色");
        }

        if (Input.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            ModelState.AddModelError("Input.UnitId", "单位不存在");
        }

        if (id is null && string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "请设置初始密码");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        AppUser? user;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (id is null)
        {
            user = new AppUser { UserName = Input.UserName!.Trim(), DisplayName = Input.DisplayName!.Trim(), UnitId = Input.UnitId!.Value, CreatedAt = time.GetUtcNow() };
            if (!Collect(await users.CreateAsync(user, Input.Password!)))
            {
                return Page();
            }
        }
        else
        {
            user = await users.FindByIdAsync(id);
            if (user is null)
            {
                return NotFound();
            }

            if (user.ConcurrencyStamp != Input.ConcurrencyStamp)
            {
                Stale = true;
                return Page();
            }

            var identityChanged = user.UnitId != Input.UnitId || user.IsDisabled != Input.IsDisabled;
            user.UserName = Input.UserName!.Trim();
            user.DisplayName = Input.DisplayName!.Trim();
            user.UnitId = Input.UnitId!.Value;
            user.IsDisabled = Input.IsDisabled;
            if (!Collect(await users.UpdateAsync(user)))
            {
                return Page();
            }

            var current = await users.GetRolesAsync(user);
            if (identityChanged || !current.SequenceEqual([Input.Role!]))
            {
                // A new stamp signs the account out everywhere, so its next request sees the new unit and role.
                await users.UpdateSecurityStampAsync(user);
            }

            if (!Collect(await users.RemoveFromRolesAsync(user, current)))
            {
                return Page();
            }
        }

        if (!Collect(await users.AddToRoleAsync(user, Input.Role!)) || !await SetCasePermissionAsync(user, Input.MayKeepYouthCases))
        {
            return Page();
        }

        await tx.CommitAsync(ct);
        return Redirect("/Admin/Users");
    }

    public async Task<IActionResult> OnPostResetAsync(string id, [Bind(Prefix = "Reset")] ResetInput reset, CancellationToken ct)
    {
        Reset = reset;
        await LoadUnitsAsync(ct);
        Id = id;
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await OnGetAsync(id, null, ct);
            return Page();
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, Reset.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError("Reset.NewPassword", e.Description);
            }

            await OnGetAsync(id, null, ct);
            return Page();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return Redirect($"/Admin/Users/Edit/{id}?message={Uri.EscapeDataString("密码已重置，账号已解锁")}");
    }

    /// <summary>Grants or withdraws 困境青少年档案; a change signs the account out everywhere (new security stamp).</summary>
    private async Task<bool> SetCasePermissionAsync(AppUser user, bool grant)
    {
        var claim = new System.Security.Claims.Claim(WuHaoClaims.Permission, WuHaoClaims.YouthCases);
        var has = (await users.GetClaimsAsync(user)).Any(c => c.Type == claim.Type && c.Value == claim.Value);
        if (has == grant)
        {
            return true;
        }

        return Collect(grant ? await users.AddClaimAsync(user, claim) : await users.RemoveClaimAsync(user, claim))
            && Collect(await users.UpdateSecurityStampAsync(user));
    }

    private bool Collect(IdentityResult result)
    {
        foreach (var e in result.Errors)
        {
            ModelState.AddModelError(e.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "", e.Description);
        }

        return result.Succeeded;
    }

    private async Task LoadUnitsAsync(CancellationToken ct) =>
        Units = (await db.Units.OrderBy(u => u.Path).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct))
            .Select(u => (u.Id, new string('　', Math.Max(0, u.Path.Count(c => c == '/') - 2)) + u.Name)).ToList();
}
