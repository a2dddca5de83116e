/// Transactions and savepoints: the body's changes commit when it returns and roll back when it throws.
extension Connection {
    public enum TransactionKind: String, Sendable {
        case deferred = "DEFERRED"
        /// Takes the write lock at once, so a writer never fails half-way on a lock upgrade.
        case immediate = "IMMEDIATE"
        case exclusive = "EXCLUSIVE"
    }

    /// Runs `body` in a transaction. Inside another transaction, use `savepoint` instead.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackIgnoringErrors("ROLLBACK TRANSACTION")
            throw error
        }
        do {
            try execute("COMMIT TRANSACTION")
        } catch {
            rollbackIgnoringErrors("ROLLBACK TRANSACTION")
            throw error
        }
        return result
    }

    /// Runs `body` inside a savepoint, which nests in a transaction or in another savepoint.
    /// A throw undoes only the savepoint's own changes; the enclosing transaction goes on.
    public func savepoint<T>(_ name: String = "newsdb", _ body: () throws -> T) throws -> T {
        let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try execute("SAVEPOINT \(quoted)")
        let result: T
        do {
            result = try body()
        } catch {
            // ROLLBACK TO leaves the savepoint open; RELEASE closes it.
            rollbackIgnoringErrors("ROLLBACK TRANSACTION TO SAVEPOINT \(quoted)")
            rollbackIgnoringErrors("RELEASE SAVEPOINT \(quoted)")
            throw error
        }
        try execute("RELEASE SAVEPOINT \(quoted)")
        return result
    }

    /// A rollback can fail only when SQLite already rolled back (after SQLITE_FULL, say); the
    /// original error is the one worth reporting.
    private func rollbackIgnoringErrors(_ sql: String) {
        try? execute(sql)
    }
}
