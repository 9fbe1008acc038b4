using System.ComponentModel;

namespace GaLaAid.Api.Accounts;

/// <summary>What a user may do. Each user has exactly one role.</summary>
public enum Role
{
    [Description("Manages users and keys, and may do everything staff may do.")]
    Admin,

    [Description("Office staff: records donations, pledges, recipients, handovers, disbursements and adjustments, prints labels.")]
    Staff,

    [Description("Hands goods over: looks an item up by its label, records its handover, sees their own handovers.")]
    Volunteer,

    [Description("Reads everything, including the audit trail; writes nothing.")]
    Auditor,
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string Volunteer = "volunteer";
    public const string Auditor = "auditor";

    public static readonly Role[] All = [Role.Admin, Role.Staff, Role.Volunteer, Role.Auditor];

    /// <summary>Everyone who may read the whole ledger.</summary>
    public static readonly Role[] Readers = [Role.Admin, Role.Staff, Role.Auditor];

    /// <summary>Everyone who may write to the ledger (except handovers, which volunteers may record too).</summary>
    public static readonly Role[] Writers = [Role.Admin, Role.Staff];

    public static string Name(this Role role) => role switch
    {
        Role.Admin => Admin,
        Role.Staff => Staff,
        Role.Volunteer => Volunteer,
        _ => Auditor,
    };
}
