using System.Text;
using MimeKit.Text;

namespace Mailroom.Messages;

/// <summary>The visible words of an HTML body, for snippets; nothing here is ever rendered as HTML.</summary>
internal static class HtmlToPlainText
{
    public static string Extract(string html, int maxLength)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var hidden = 0;
        while (text.Length < maxLength * 2 && tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Title or HtmlTagId.Head:
                    hidden = tag.IsEndTag ? Math.Max(0, hidden - 1) : tag.IsEmptyElement ? hidden : hidden + 1;
                    break;
                case HtmlTagToken:
                    text.Append(' ');
                    break;
                case HtmlDataToken data when hidden == 0:
                    text.Append(data.Data);
                    break;
            }
        }

        return text.ToString();
    }
}
