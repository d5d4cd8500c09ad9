namespace Mailroom.Search;

/// <summary>
/// How far indexing the mail stored before search existed has come: every message with an id below
/// <see cref="Below"/> still waits (newest first, so recent mail is searchable first). Messages stored since are
/// indexed as they are stored. One row (id 1), written by the migration that added search; the state lives in the
/// database, so a restart resumes where it stopped and any node may carry on.
/// </summary>
internal sealed class SearchBackfill
{
    public const int RowId = 1;

    public int Id { get; init; } = RowId;

    public long Below { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
