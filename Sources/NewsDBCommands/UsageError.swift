import ArgumentParser
import Foundation
import NewsStore

/// A mistake in what the user asked (a malformed query): printed as is, exit status 2, no usage text.
struct UsageError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A command that could not do what was asked, though it was asked well (an id that is not in the
/// database): printed as "Error: …", exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension NewsDB {
    /// Runs the command line; usage errors exit with 2 and other failures with 1, each with one clear message.
    public static func runMain() {
        // Past a file size limit (ulimit -f) the kernel sends SIGXFSZ, which would kill the process
        // mid-write; ignored, the write fails instead and SQLite rolls the transaction back.
        signal(SIGXFSZ, SIG_IGN)
        let arguments = CommandLineHabits.rewritten(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            StandardOutput.finish()
        } catch let error as SQLiteError where error.code == .busy {
            FileHandle.standardError.write(Data("Error: the database is busy: another process is writing to it and did not finish within \(Int(Connection.defaultBusyTimeout.components.seconds)) s; try again when it is done (\(error.message))\n".utf8))
            Foundation.exit(1)
        } catch let error as SQLiteError where error.code == .full || error.code == .ioError {
            let cause = error.code == .full ? "the disk is full" : "a disk read or write failed (a full disk or a file size limit does this)"
            FileHandle.standardError.write(Data("Error: \(cause); the unfinished transaction was rolled back and the database is intact. Free some space and run the same command again (SQLite: \(error.message))\n".utf8))
            Foundation.exit(1)
        } catch let error as RawExpressionError {
            // A malformed --fts expression is a mistake in what was asked, like a malformed query.
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
            Foundation.exit(2)
        } catch {
            // ArgumentParser reports misuse as 64 (EX_USAGE); newsdb keeps to 0, 1 and 2.
            if exitCode(for: error) == .validationFailure {
                var message = fullMessage(for: error)
                let commands = configuration.subcommands.map { $0._commandName }
                if let hint = CommandLineHabits.hint(for: arguments, commands: commands) { message += "\nHint: " + hint }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
