using System.Diagnostics;
using System.Globalization;

namespace Mailroom.Bench;

/// <summary>A child process run under GNU time: its wall time, CPU seconds (user + system, children included) and peak RSS.</summary>
internal sealed record Measured(double WallSeconds, double CpuSeconds, long PeakRssKilobytes, IReadOnlyList<string> Output)
{
    public static async Task<Measured> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-f", "TIME %e %U %S %M", program, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = ((await stdout) + (await stderr)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var time = lines.Last(l => l.StartsWith("TIME ", StringComparison.Ordinal)).Split(' ');
        double Number(int i) => double.Parse(time[i], CultureInfo.InvariantCulture);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}:\n{string.Join('\n', lines.TakeLast(30))}");
        }

        return new Measured(Number(1), Number(2) + Number(3), (long)Number(4), lines);
    }
}
