using System.Security.Cryptography;
using System.Text;

namespace GaLaAid.Api.Accounts;

/// <summary>How keys and PINs are made and checked. Neither is ever stored in clear.</summary>
public static class Secrets
{
    public const string KeyPrefix = "gla_";
    public const int MinimumKeyLength = 24;
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int PinIterations = 100_000;

    /// <summary>A new key: "gla_" and 40 random base62 characters (about 238 bits).</summary>
    public static string NewApiKey() => KeyPrefix + RandomNumberGenerator.GetString(KeyAlphabet, 40);

    /// <summary>
    /// Keys carry enough entropy that one round of SHA-256 protects them; the hash is also what a
    /// key is looked up by, so no comparison of secrets happens in application code.
    /// </summary>
    public static string HashApiKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string DisplayPrefix(string key) => key[..Math.Min(key.Length, KeyPrefix.Length + 6)];

    /// <summary>PINs are short, so they get a salted, slow hash: PBKDF2-SHA256.</summary>
    public static string HashPin(string pin)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(pin, salt, PinIterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${PinIterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>
    /// A short fingerprint of a stored PIN hash, kept in the sessions the PIN opens. Every new PIN
    /// gets a new salt, so setting a PIN again (even the same digits) ends the old PIN's sessions.
    /// </summary>
    public static string PinStamp(string pinHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pinHash)))[..16];

    public static bool VerifyPin(string pin, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations))
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(pin, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
