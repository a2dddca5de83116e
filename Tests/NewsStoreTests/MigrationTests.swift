import Foundation
import Testing
@testable import NewsStore

@Suite("Migrations")
struct MigrationTests {
    /// A migration folder holding the real 0001 and, optionally, extra files.
    func folder(with extra: [String: String] = [:], editing first: String? = nil) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsdb-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let initial = try #require(try Migration.embedded.first)
        try (first ?? initial.sql).write(to: folder.appendingPathComponent("0001_\(initial.name).sql"), atomically: true, encoding: .utf8)
        for (name, sql) in extra {
            try sql.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func embeddedMigrationsMatchTheFilesInTheRepository() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let onDisk = try Migration.load(from: repository.appendingPathComponent("Migrations"))
        #expect(try Migration.embedded == onDisk)
        #expect(!onDisk.isEmpty)
    }

    @Test func freshDatabaseGetsEveryMigrationRecorded() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        let migrations = try Migration.embedded
        #expect(try Migrator.currentVersion(of: connection) == migrations.count)
        let recorded = try connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
        #expect(recorded.map { $0.string(2) } == migrations.map(\.checksum))
        #expect(recorded.map { $0.string(1) } == migrations.map(\.name))
    }

    func text(_ value: SQLValue?) -> String {
        if case .text(let string) = value { string } else { "" }
    }

    @Test func fullTextDeclarationsAreRewrittenForOtherToolsWithoutARebuild() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try Connection(path: database.path)
        let embedded = try Migration.embedded
        try Migrator(migrations: Array(embedded.prefix(6))).migrate(connection)
        try connection.execute("INSERT INTO articles (title, lead, content_hash, origin) VALUES ('Harbour ferry kept', 'The council voted.', 'h1', 'a')")
        try connection.execute("INSERT INTO quotes (article_id, text, speaker_name) VALUES (1, 'We keep the ferry', 'Ana Ruiz')")
        let declaration = "SELECT sql FROM sqlite_schema WHERE name = ?"
        #expect(text(try connection.scalar(declaration, ["articles_fts"])).contains("content = 'articles'"))

        let applied = try Migrator(migrations: embedded).migrate(connection)
        #expect(applied.map(\.version).contains(7))
        #expect(text(try connection.scalar(declaration, ["articles_fts"])).contains(#"content="articles""#))
        #expect(text(try connection.scalar(declaration, ["quotes_fts"])).contains(#"content="quotes""#))
        // The index is the one built before: it still finds the rows, and FTS5 finds it consistent.
        #expect(try connection.scalar("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'harbour'") == .integer(1))
        #expect(try connection.scalar("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'ferry'") == .integer(1))
        try connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        #expect(try connection.scalar("PRAGMA integrity_check") == .text("ok"))
        // Defensive mode is back: the schema's text cannot be written any more.
        #expect(throws: SQLiteError.self) {
            try connection.execute("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = sql WHERE name = 'articles'")
        }
        // A second connection reads the new declaration and searches as well.
        let other = try Connection(path: database.path)
        #expect(try other.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'council'") == .integer(1))
    }

    /// 0011 gives an existing, filled file's indexes a larger pending-terms buffer; they stay consistent
    /// and go on indexing.
    @Test func fullTextIndexesOfAFilledFileGetTheLargerPendingTermsBuffer() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try Connection(path: database.path)
        let embedded = try Migration.embedded
        try Migrator(migrations: Array(embedded.prefix(10))).migrate(connection)
        try connection.execute("INSERT INTO articles (title, lead, content_hash, origin) VALUES ('Harbour ferry kept', 'The council voted.', 'h1', 'a')")
        #expect(try connection.scalar("SELECT v FROM articles_fts_config WHERE k = 'hashsize'") == nil)

        let applied = try Migrator(migrations: embedded).migrate(connection)
        #expect(applied.map(\.version).contains(11))
        for index in ["articles_fts", "quotes_fts"] {
            #expect(try connection.scalar("SELECT v FROM \(index)_config WHERE k = 'hashsize'") == .integer(8 << 20), "\(index)")
        }
        try connection.execute("INSERT INTO articles (title, lead, content_hash, origin) VALUES ('Council keeps the harbour', 'A vote.', 'h2', 'b')")
        #expect(try connection.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'") == .integer(2))
        try connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    }

    /// 0012 rekeys the search bounds by group of blocks: an existing file's rows are kept, each
    /// in its block's group, and read as before.
    @Test func searchBoundsOfAFilledFileMoveToTheirBlocksGroups() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try Connection(path: database.path)
        let embedded = try Migration.embedded
        try Migrator(migrations: Array(embedded.prefix(11))).migrate(connection)
        try connection.execute("""
            INSERT INTO search_blocks (block, generation) VALUES (3, 1), (200, 2);
            INSERT INTO search_bound_terms (term, block, generation, articles, max_weighted_tf, min_length_per_tf)
            VALUES ('harbour', 3, 1, 9, 7, 12.5), ('harbour', 200, 2, 4, 2, 30.0), ('ferri', 200, 2, 5, 3, 8.0);
            """)

        let applied = try Migrator(migrations: embedded).migrate(connection)
        #expect(applied.map(\.version).contains(12))
        let rows = try connection.query("SELECT block_group, term, block, generation, articles, max_weighted_tf, min_length_per_tf FROM search_bound_terms")
        #expect(rows.map(\.values) == [
            [.integer(0), .text("harbour"), .integer(3), .integer(1), .integer(9), .integer(7), .real(12.5)],
            [.integer(3), .text("ferri"), .integer(200), .integer(2), .integer(5), .integer(3), .real(8.0)],
            [.integer(3), .text("harbour"), .integer(200), .integer(2), .integer(4), .integer(2), .real(30.0)],
        ])
        let shares = try PrunedRanking.termShares(boundRows: BoundRows(connection: connection, blockCount: 201), term: "harbour", averageLength: 20)
        #expect(shares[3] < RankFunction.k1 + 1 && shares[200] < RankFunction.k1 + 1 && shares[100] == RankFunction.k1 + 1)
    }

    @Test func reopeningIsANoOp() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try database.open()
        let connection = try Connection(path: database.path)
        let applied = try Migrator(migrations: try Migration.embedded).migrate(connection)
        #expect(applied.isEmpty)
        #expect(try connection.scalar("SELECT count(*) FROM schema_migrations") == .integer(Int64(try Migration.embedded.count)))
    }

    @Test func upgradeAppliesOnlyTheNewMigration() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let v1 = try folder()
        let connection = try NewsDatabase.open(path: database.path, migrations: try Migration.load(from: v1))
        try connection.execute("INSERT INTO sources (name) VALUES (?)", ["Kept Across Upgrade"])

        let v2 = try folder(with: ["0002_source_country.sql": "ALTER TABLE sources ADD COLUMN country TEXT;"])
        let applied = try Migrator(migrations: try Migration.load(from: v2)).migrate(connection)
        #expect(applied.map(\.version) == [2])
        #expect(try Migrator.currentVersion(of: connection) == 2)
        #expect(try connection.scalar("SELECT count(*) FROM sources WHERE name = 'Kept Across Upgrade' AND country IS NULL") == .integer(1))
    }

    @Test func failingMigrationIsRolledBackAndNamed() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let broken = try folder(with: ["0002_broken.sql": "CREATE TABLE half (x); SELECT nonsense FROM nowhere;"])
        let error = try #require(throws: MigrationError.self) {
            try NewsDatabase.open(path: database.path, migrations: try Migration.load(from: broken))
        }
        guard case .failed(let version, _, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(version == 2)
        let connection = try Connection(path: database.path)
        #expect(try Migrator.currentVersion(of: connection) == 1)
        #expect(try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'half'") == .integer(0))
    }

    @Test func editedMigrationIsRefused() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try database.open()
        let initial = try #require(try Migration.embedded.first)
        let edited = try folder(editing: initial.sql + "\n-- edited after release\n")
        let error = try #require(throws: MigrationError.self) {
            try NewsDatabase.open(path: database.path, migrations: try Migration.load(from: edited))
        }
        guard case .checksumMismatch(let version, _, _, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(version == 1)
    }

    @Test func newerDatabaseIsRefusedNamingBothVersions() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let v2 = try folder(with: ["0002_future.sql": "CREATE TABLE future (x);"])
        _ = try NewsDatabase.open(path: database.path, migrations: try Migration.load(from: v2))
        let error = try #require(throws: MigrationError.self) {
            try NewsDatabase.open(path: database.path, migrations: try Migration.load(from: try folder()))
        }
        #expect(error == .databaseNewer(databaseVersion: 2, binaryVersion: 1))
        #expect(error.description.contains("version 2"))
        #expect(error.description.contains("up to version 1"))
    }

    @Test(arguments: ["1_initial.sql", "0001-initial.sql", "0001_Initial.sql", "0000_zero.sql", "0001_.sql", "abcd_x.sql"])
    func misnamedFilesAreRefused(name: String) {
        #expect(Migration(fileName: name, sql: "") == nil)
    }

    @Test func gapsAndDuplicatesAreRefused() throws {
        #expect(throws: MigrationError.self) { try Migration.ordered([("0001_a.sql", ""), ("0003_c.sql", "")]) }
        #expect(throws: MigrationError.self) { try Migration.ordered([("0001_a.sql", ""), ("0001_b.sql", "")]) }
        #expect(try Migration.ordered([("0002_b.sql", ""), ("0001_a.sql", "")]).map(\.version) == [1, 2])
    }
}
