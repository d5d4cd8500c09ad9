using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Mailroom.Messages;

/// <summary>
/// Makes every legacy charset (Windows-125x, ISO-2022-JP, Shift_JIS, GB2312, KOI8-R…) decodable. .NET has only the
/// Unicode ones and Latin-1 built in, and MimeKit takes its charset table from what is registered at its first use:
/// registered any later, ISO-2022-JP bodies stay undecoded escape sequences and Windows-1252 quotes vanish (checked
/// with MimeKit 4.18.2). So the provider is registered as this assembly loads, before anything here can touch MimeKit;
/// a process that uses MimeKit before it touches Mailroom (the integration tests) runs this module initializer first.
/// </summary>
internal static class CharsetSupport
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "It must run before the first MimeKit call from anywhere in the process; see the summary.")]
    internal static void RegisterCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
