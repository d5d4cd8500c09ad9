using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Mailroom.Messages;

namespace Mailroom.IntegrationTests.TestEnvironment;

/// <summary>
/// Test helpers build mail with MimeKit before any Mailroom code has loaded, and MimeKit fixes its charset table at its
/// first use: so that ISO-2022-JP bodies decode whichever test runs first, Mailroom's own registration
/// (<see cref="CharsetSupport"/>, run as its assembly loads) is made to run as this one loads, before any test.
/// </summary>
internal static class CodePagesFirst
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "It must run before the first MimeKit call in the test process; see the summary.")]
    internal static void LoadMailroomCharsets() => RuntimeHelpers.RunModuleConstructor(typeof(CharsetSupport).Module.ModuleHandle);
}
