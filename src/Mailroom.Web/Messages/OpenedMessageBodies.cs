using Mailroom.Messages;
using Microsoft.Extensions.Caching.Memory;

namespace Mailroom.Web.Messages;

/// <summary>
/// The sanitised body the reading page has just built, kept briefly for the frame request that follows it, so that
/// opening a message parses and sanitises it once. Keyed by owner, message and image choice: a body is only ever
/// handed to the user who opened it. On a miss (expired, or the frame request reached another node) the frame builds it.
/// </summary>
internal sealed class OpenedMessageBodies : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // Sized in characters: a few dozen large HTML bodies at most, whatever the number of readers.
    private readonly MemoryCache _bodies = new(new MemoryCacheOptions { SizeLimit = 32 * 1024 * 1024 });

    public void Keep(string ownerId, long messageId, bool showImages, SanitizedHtml body)
    {
        ArgumentNullException.ThrowIfNull(body);
        _bodies.Set(Key(ownerId, messageId, showImages), body, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = Lifetime,
            Size = Math.Max(1, body.Html.Length),
        });
    }

    public SanitizedHtml? Find(string ownerId, long messageId, bool showImages) =>
        _bodies.TryGetValue(Key(ownerId, messageId, showImages), out SanitizedHtml? body) ? body : null;

    public void Dispose() => _bodies.Dispose();

    private static (string, long, bool) Key(string ownerId, long messageId, bool showImages) => (ownerId, messageId, showImages);
}
