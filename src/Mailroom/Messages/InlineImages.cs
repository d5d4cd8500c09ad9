namespace Mailroom.Messages;

/// <summary>Resolves an HTML body's <c>cid:</c> references (RFC 2392) to data: URLs from the message's own image parts.</summary>
internal static class InlineImages
{
    public static string? DataUrl(MessageParts parts, string contentId)
    {
        var part = parts.FindInlineResource(contentId);
        if (part is null || !part.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase) || part.Content is null)
        {
            return null;
        }

        using var decoded = new MemoryStream();
        part.Content.DecodeTo(decoded);
        if (decoded.Length > MailHtmlSanitizer.MaxInlineImageBytes)
        {
            return null;
        }

        var mimeType = part.ContentType.MimeType.ToLowerInvariant();
        return mimeType is "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "image/bmp"
            ? $"data:{mimeType};base64,{Convert.ToBase64String(decoded.GetBuffer(), 0, (int)decoded.Length)}"
            : null;
    }
}
