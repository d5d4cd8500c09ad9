using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Mailroom.IntegrationTests.TestEnvironment;

/// <summary>
/// Test helpers build mail with MimeKit before any Mailroom code has loaded, and MimeKit fixes its charset table at its
/// first use: without this, whether ISO-2022-JP bodies decode would depend on which test ran first. The app's process
/// loads Mailroom (whose own initializer registers the same provider) before it touches MimeKit.
/// </summary>
internal static class CodePagesFirst
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "It must run before the first MimeKit call in the test process; see the summary.")]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
