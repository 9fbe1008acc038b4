namespace GaLaAid.Api.Seed;

public static class DemoSeeder
{
    public static bool IsRequested(string[] args, IConfiguration configuration) =>
        args.SkipWhile(a => a != "--seed").Skip(1).FirstOrDefault() == "demo"
        || string.Equals(configuration["seed"], "demo", StringComparison.OrdinalIgnoreCase);

    public static Task SeedAsync(IServiceProvider services) => Task.CompletedTask;
}
