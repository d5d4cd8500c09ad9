namespace Mailroom.Search;

/// <summary>
/// The index objects EF Core cannot model, as each provider's migration creates them (AddFullTextSearch).
/// Tests that build a database with EnsureCreated run this SQL after it. A migration is history: once released, a change to the index is a new migration with its own SQL.
/// </summary>
internal static class SearchIndexSchema
{
    /// <summary>
    /// A contentless FTS5 table (the text lives in MessageTexts; deletes still work with contentless_delete) whose
    /// rowid is the message id. The 'ascii' tokenizer only splits on ASCII punctuation and spaces: the tokens
    /// arrive folded and space-separated from <see cref="SearchText"/>, so SQLite keeps them exactly as PostgreSQL does.
    /// </summary>
    public const string Sqlite = """
        CREATE VIRTUAL TABLE "MessageSearch" USING fts5(
            sender, recipients, cc, subject, filenames, body,
            content='', contentless_delete=1, tokenize='ascii');
        CREATE TRIGGER "Messages_DeleteFromSearch" AFTER DELETE ON "Messages"
        BEGIN
            DELETE FROM "MessageSearch" WHERE rowid = old."Id";
        END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS "Messages_DeleteFromSearch";
        DROP TABLE IF EXISTS "MessageSearch";
        """;

    /// <summary>The tsvector built by <see cref="SearchDocument.ToTsVector"/>, with a GIN index.</summary>
    public const string Postgres = """
        ALTER TABLE "MessageTexts" ADD COLUMN "Document" tsvector NOT NULL DEFAULT ''::tsvector;
        CREATE INDEX "IX_MessageTexts_Document" ON "MessageTexts" USING gin ("Document");
        """;

    /// <summary>Everything stored so far waits for the back-fill; what is stored from now on is indexed as it is stored.</summary>
    public const string StartBackfill = """
        INSERT INTO "SearchBackfill" ("Id", "Below") SELECT 1, COALESCE(MAX("Id"), 0) + 1 FROM "Messages";
        """;
}
