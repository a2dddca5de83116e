import Foundation
import Testing
@testable import NewsStore

@Suite("Connection and statements")
struct ConnectionTests {
    @Test func everyValueTypeRoundTrips() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (a, b, c, d, e)")
        let blob: [UInt8] = [0, 1, 2, 255]
        try connection.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [.integer(Int64.max), .real(2.5), .text("Zürich — “quoted”"), .blob(blob), .null])
        let row = try #require(try connection.query("SELECT a, b, c, d, e FROM t").first)
        #expect(row.int64(0) == Int64.max)
        #expect(row.double(1) == 2.5)
        #expect(row.string(2) == "Zürich — “quoted”")
        #expect(row.data(3) == Data(blob))
        #expect(row.isNull(4))
        #expect(row.string(4) == nil)
    }

    @Test func emptyBlobStaysABlobNotNull() throws {
        let connection = try Connection(path: ":memory:")
        let value = try connection.scalar("SELECT typeof(?)", [.blob([])])
        #expect(value == .text("blob"))
    }

    @Test func datesAreStoredAsISOText() throws {
        let connection = try Connection(path: ":memory:")
        let date = Date(timeIntervalSince1970: 1_741_772_400)  // 2025-03-12T09:40:00Z
        let stored = try connection.scalar("SELECT ?", [SQLValue(date)])
        #expect(stored == .text("2025-03-12T09:40:00Z"))
        let row = try #require(try connection.query("SELECT ?", [SQLValue(date)]).first)
        #expect(row.date(0) == date)
    }

    @Test func invalidUTF8IsRepairedNotLost() throws {
        let connection = try Connection(path: ":memory:")
        // CAST of a blob to text hands SQLite's bytes back unchanged, invalid sequence included.
        let row = try #require(try connection.query("SELECT CAST(? AS TEXT)", [.blob([0x61, 0xFF, 0x62])]).first)
        #expect(row.string(0) == "a\u{FFFD}b")
    }

    @Test func constraintViolationCarriesExtendedCodeMessageAndSQL() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (name TEXT UNIQUE)")
        try connection.execute("INSERT INTO t VALUES (?)", ["a"])
        let error = try #require(throws: SQLiteError.self) {
            try connection.execute("INSERT INTO t VALUES (?)", ["a"])
        }
        #expect(error.code == .constraint)
        #expect(error.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.message == "UNIQUE constraint failed: t.name")
        #expect(error.sql == "INSERT INTO t VALUES (?)")
        #expect(ResultCode.constraint ~= error)
    }

    @Test func badSQLIsAnErrorWithTheSQL() throws {
        let connection = try Connection(path: ":memory:")
        let error = try #require(throws: SQLiteError.self) { try connection.prepare("SELEC 1") }
        #expect(error.code == .error)
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEC 1")
    }

    @Test func wrongNumberOfValuesIsAnError() throws {
        let connection = try Connection(path: ":memory:")
        let error = try #require(throws: SQLiteError.self) { try connection.query("SELECT ?, ?", [1]) }
        #expect(error.code == .range)
    }

    @Test func secondStatementInOnePrepareIsRefused() throws {
        let connection = try Connection(path: ":memory:")
        #expect(throws: SQLiteError.self) { try connection.prepare("SELECT 1; DROP TABLE x") }
    }

    @Test func cachedStatementIsReused() throws {
        let connection = try Connection(path: ":memory:")
        let first = try connection.cachedStatement("SELECT ?")
        let second = try connection.cachedStatement("SELECT ?")
        #expect(first === second)
        #expect(try connection.scalar("SELECT ?", [1]) == .integer(1))
        #expect(try connection.scalar("SELECT ?", [2]) == .integer(2))
    }

    @Test func failedTransactionRollsBack() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (n INTEGER)")
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (?)", [1])
                throw Failure()
            }
        }
        #expect(try connection.scalar("SELECT count(*) FROM t") == .integer(0))
        #expect(!connection.isInTransaction)
    }

    @Test func failedSavepointRollsBackAloneInsideCommittedTransaction() throws {
        let connection = try Connection(path: ":memory:")
        try connection.execute("CREATE TABLE t (n INTEGER)")
        struct Failure: Error {}
        try connection.transaction {
            try connection.execute("INSERT INTO t VALUES (?)", [1])
            #expect(throws: Failure.self) {
                try connection.savepoint("inner") {
                    try connection.execute("INSERT INTO t VALUES (?)", [2])
                    throw Failure()
                }
            }
            try connection.savepoint("kept") {
                try connection.execute("INSERT INTO t VALUES (?)", [3])
            }
        }
        let values = try connection.query("SELECT n FROM t ORDER BY n").compactMap { $0.int(0) }
        #expect(values == [1, 3])
    }

    @Test func readOnlyConnectionRefusesWrites() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try database.open()
        let readOnly = try Connection(path: database.path, mode: .readOnly)
        let error = try #require(throws: SQLiteError.self) {
            try readOnly.execute("INSERT INTO sources (name) VALUES (?)", ["x"])
        }
        #expect(error.code == .readOnly)
    }

    /// A one-shot reader keeps SQLite's 2 MB of pages, a long-lived one 64 MB.
    @Test func aReaderKeepsThePagesItAskedFor() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        _ = try database.open()
        let small = try NewsDatabase.openReadOnly(path: database.path, pageCache: .small)
        #expect(try small.scalar("PRAGMA cache_size")?.int64Value == -2000)
        let large = try NewsDatabase.openReadOnly(path: database.path)
        #expect(try large.scalar("PRAGMA cache_size")?.int64Value == -65536)
    }

    @Test func openingAMissingFileReadOnlyFails() throws {
        let error = try #require(throws: SQLiteError.self) {
            try Connection(path: "/nonexistent/folder/news.db", mode: .readOnly)
        }
        #expect(error.code == .cantOpen)
    }

    @Test func fileConnectionsUseWALAndForeignKeys() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        let connection = try database.open()
        #expect(try connection.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
    }

    /// A connection caches its statements; were they to keep the connection alive, it would never
    /// close, and a finished load would leave its last writes in the `-wal` file, missing from a
    /// copy of the database file alone.
    @Test func closingTheLastConnectionFoldsTheWriteAheadLogIntoTheFile() throws {
        let database = try TestDatabase()
        defer { database.remove() }
        do {
            let connection = try database.open()
            _ = try ArticleWriter(connection: connection).write(sampleArticle())
            #expect(FileManager.default.fileExists(atPath: database.path + "-wal"))
        }
        #expect(!FileManager.default.fileExists(atPath: database.path + "-wal"))
        let copy = database.folder.appendingPathComponent("copy.db").path
        try FileManager.default.copyItem(atPath: database.path, toPath: copy)
        let reader = try NewsDatabase.openReadOnly(path: copy)
        #expect(try reader.scalar("SELECT count(*) FROM articles") == .integer(1))
    }

    @Test func aStatementKeepsTheHandleOpenAfterItsConnectionGoes() throws {
        var connection: Connection? = try Connection(path: ":memory:")
        let statement = try #require(try connection?.prepare("SELECT 40 + 2"))
        connection = nil
        #expect(try statement.rows([]).first?.int64(0) == 42)
    }

    @Test func newFilesGetEightKiBPagesAndOlderFilesKeepTheirs() throws {
        let fresh = try TestDatabase()
        defer { fresh.remove() }
        #expect(try fresh.open().scalar("PRAGMA page_size") == .integer(Int64(NewsDatabase.newFilePageSize)))

        // A file from before the change: made with SQLite's default page size and an older schema.
        let older = try TestDatabase()
        defer { older.remove() }
        do {
            let connection = try Connection(path: older.path)
            try connection.execute("PRAGMA page_size = 4096")
            try Migrator(migrations: Array(try Migration.embedded.prefix(9))).migrate(connection)
        }
        let reopened = try older.open()
        _ = try ArticleWriter(connection: reopened).write(sampleArticle())
        #expect(try reopened.scalar("PRAGMA page_size") == .integer(4096))
        #expect(try reopened.scalar("SELECT count(*) FROM articles") == .integer(1))
    }
}
