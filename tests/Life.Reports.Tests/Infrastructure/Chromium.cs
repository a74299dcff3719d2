namespace Life.Reports.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, which eng/test-setup.d/40-chromium.sh installs. Missing, the browser tests
/// fail (never skip): in CI a skipped rendering test would hide a report nobody has opened.
/// </summary>
internal static class Chromium
{
    public static string Path
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("LIFE_CHROMIUM") ?? "/usr/bin/chromium";
            if (!File.Exists(path))
            {
                Assert.Fail($"Chromium not found at {path}{(Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true)" : "")}: run `bash eng/test-setup.d/40-chromium.sh` (or set LIFE_CHROMIUM)");
            }

            return path;
        }
    }
}
