using MimeKit;

namespace Mailroom.Messages;

/// <summary>
/// Which parts of a MIME message are its readable body and which are attachments.
/// One definition, used by the list summary (attachment mark, snippet) and by the reading pane alike.
/// </summary>
internal sealed class MessageParts
{
    private MessageParts(TextPart? text, TextPart? html, bool textBesideHtml, IReadOnlyList<MimeEntity> attachments, IReadOnlyList<MimePart> inlineResources)
    {
        Text = text;
        Html = html;
        TextBesideHtml = textBesideHtml;
        Attachments = attachments;
        InlineResources = inlineResources;
    }

    /// <summary>The plain-text body, if the message has one.</summary>
    public TextPart? Text { get; }

    /// <summary>The HTML body, if the message has one.</summary>
    public TextPart? Html { get; }

    /// <summary>
    /// True when the text and the HTML body are two pieces of content (side by side in multipart/mixed) rather than two
    /// versions of one (inside the same multipart/alternative): then both are shown.
    /// </summary>
    public bool TextBesideHtml { get; }

    /// <summary>Every part the user downloads rather than reads, in document order; its index is the attachment's number.</summary>
    public IReadOnlyList<MimeEntity> Attachments { get; }

    /// <summary>Parts an HTML body may reference by <c>cid:</c> (RFC 2392), usually inline images.</summary>
    public IReadOnlyList<MimePart> InlineResources { get; }

    public static MessageParts Of(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var finder = new Finder();
        if (message.Body is not null)
        {
            finder.Visit(message.Body, insideRelated: false);
        }

        var attachments = finder.Leaves
            .Where(part => !ReferenceEquals(part, finder.Text) && !ReferenceEquals(part, finder.Html) && !finder.Inline.Contains(part))
            .ToList();
        var alternatives = finder.Text is not null && finder.Html is not null
            && finder.AlternativeOf(finder.Text) is { } group && ReferenceEquals(group, finder.AlternativeOf(finder.Html));
        return new MessageParts(finder.Text, finder.Html, finder.Text is not null && finder.Html is not null && !alternatives, attachments, finder.Inline);
    }

    public MimePart? FindInlineResource(string contentId)
    {
        var wanted = contentId.Trim().Trim('<', '>');
        return InlineResources.FirstOrDefault(part =>
            string.Equals(part.ContentId?.Trim('<', '>'), wanted, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class Finder
    {
        private readonly Dictionary<TextPart, Multipart> _alternativeOf = [];
        private Multipart? _alternative;

        public List<MimeEntity> Leaves { get; } = [];

        public List<MimePart> Inline { get; } = [];

        public TextPart? Text { get; private set; }

        public TextPart? Html { get; private set; }

        public void Visit(MimeEntity entity, bool insideRelated)
        {
            switch (entity)
            {
                case MultipartRelated related:
                    // RFC 2387: the root is the body; the other parts are resources it refers to.
                    var root = related.Root;
                    foreach (var child in related)
                    {
                        if (ReferenceEquals(child, root))
                        {
                            Visit(child, insideRelated);
                        }
                        else if (child is MimePart resource && !resource.IsAttachment)
                        {
                            Inline.Add(resource);
                            Leaves.Add(resource);
                        }
                        else
                        {
                            Visit(child, insideRelated: true);
                        }
                    }

                    break;
                case Multipart multipart:
                    // Mixed and alternative alike (RFC 2046 §5.1): the first plain and the first HTML part are the bodies.
                    var outer = _alternative;
                    if (multipart is MultipartAlternative)
                    {
                        _alternative = multipart;
                    }

                    foreach (var child in multipart)
                    {
                        Visit(child, insideRelated);
                    }

                    _alternative = outer;
                    break;
                case TextPart text when !text.IsAttachment && IsBodyCandidate(text):
                    Leaves.Add(text);
                    if (_alternative is not null)
                    {
                        _alternativeOf[text] = _alternative;
                    }

                    if (text.IsHtml)
                    {
                        Html ??= text;
                    }
                    else
                    {
                        Text ??= text;
                    }

                    break;
                default:
                    if (entity is MimePart { IsAttachment: false, ContentId: not null } referable && insideRelated)
                    {
                        Inline.Add(referable);
                    }

                    Leaves.Add(entity);
                    break;
            }
        }

        /// <summary>The innermost multipart/alternative a body part was found in, if any.</summary>
        public Multipart? AlternativeOf(TextPart part) => _alternativeOf.GetValueOrDefault(part);

        private static bool IsBodyCandidate(TextPart text) =>
            text.IsPlain || text.IsHtml || text.IsFlowed;
    }
}
