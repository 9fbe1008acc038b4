namespace GaLaAid.Api.Recipients;

public static class HouseholdPrivacy
{
    /// <summary>Keeps the last four characters of an identity-document number, enough to tell two people apart.</summary>
    public static string? Mask(string? idNumber) =>
        idNumber is null ? null
        : idNumber.Length <= 4 ? new string('*', idNumber.Length)
        : new string('*', idNumber.Length - 4) + idNumber[^4..];
}
