import ArgumentParser
import Foundation
import NewsIngest
import NewsStore

extension NewsDB {
    /// `newsdb ingest`: load page folders and dumps.
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ingest",
            abstract: "Load saved pages and JSONL/CSV dumps (optionally gzip'd) into the database.",
            discussion: """
                Folders are walked recursively in name order; '-' reads standard input. Every record ends as \
                an article, a duplicate, or a reject with its file, line and reason (see `newsdb rejects`). \
                Files loaded in full before and unchanged since are skipped; re-running after a crash \
                finishes the job.
                Example: newsdb ingest --db news.db SampleData/pages SampleData/dumps/articles.jsonl.gz
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Input format: auto, page, html, warc, jsonl, csv or tsv.",
                completion: .list(["auto", "page", "html", "warc", "jsonl", "csv", "tsv"]))
        var format: String = "auto"

        @Option(help: "Parsing workers (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "Source name for articles that do not name one.")
        var source: String?

        @Option(help: "Records per transaction (a batch also ends at 8 MB of input).")
        var batch: Int = IngestPipeline.Options.defaultBatchSize

        @Option(name: .customLong("max-record-mb"), help: "Largest record accepted, in MB.")
        var maxRecordMB: Int = 8

        @Flag(name: .customLong("follow-links"), help: "Read links to files that lie inside the input folders (links are skipped otherwise).")
        var followLinks = false

        @Option(name: .customLong("defer-indexes"),
                help: "Build four secondary indexes once at the end instead of row by row: auto (a big load), always or never.")
        var deferIndexes: IngestPipeline.IndexDeferral = .automatic

        @Flag(help: "Read files again even when an earlier run loaded them unchanged.")
        var recheck = false

        @Flag(help: "No progress line and no format line (skipped files are still reported).")
        var quiet = false

        @Flag(help: "Print the summary as JSON on stdout.")
        var json = false

        @Argument(help: "Folders, files, or - for standard input.", completion: .file())
        var paths: [String]

        func validate() throws {
            guard format == "auto" || DumpFormat(rawValue: format) != nil else {
                throw ValidationError("--format must be auto, page, html, warc, jsonl, csv or tsv")
            }
            guard jobs >= 1, batch >= 1, maxRecordMB >= 1 else { throw ValidationError("--jobs, --batch and --max-record-mb must be at least 1") }
            guard jobs <= Self.maximumJobs else { throw ValidationError("--jobs must be at most \(Self.maximumJobs)") }
            guard batch <= Self.maximumBatch else { throw ValidationError("--batch must be at most \(Self.maximumBatch)") }
            guard maxRecordMB <= Self.maximumRecordMB else { throw ValidationError("--max-record-mb must be at most \(Self.maximumRecordMB)") }
            if database.isEphemeral {
                throw ValidationError("ingest needs a database file: '\(database.path)' is a temporary in-memory database, which would keep nothing")
            }
        }

        static let maximumJobs = 1024
        static let maximumBatch = 1_000_000
        /// A record is held in memory whole, and a batch several of them: a gigabyte is already far past any page.
        static let maximumRecordMB = 1024

        func run() throws {
            // First of all, so that a signal during planning also stops cleanly.
            let stop = StopSignals()
            // A path that does not exist is a mistake in the command: said, and the run ends with 1,
            // after loading the paths that do exist.
            let missing = paths.filter { $0 != "-" && !Self.exists($0) }
            for path in missing { Terminal.printError("Error: \(path): no such file or directory") }
            let existing = paths.filter { !missing.contains($0) }
            guard !existing.isEmpty else { throw ExitCode.failure }
            let connection = try NewsDatabase.open(path: database.path)
            let log = IngestLog(connection: connection)
            // One read transaction for the survey's lookups instead of a lock taken per file.
            let plan = try connection.transaction(.deferred) {
                InputPlanner.plan(paths: existing, format: DumpFormat(rawValue: format), followsLinks: followLinks, isLoaded: recheck ? nil : { stamp in
                    (try? log.isLoaded(stamp)) ?? false
                })
            }
            let terminal = Terminal.standardErrorIsInteractive
            // Skipped files are always reported; --quiet only hides the format line and the progress.
            for line in IngestReport.decisions(plan) where !quiet || line.hasPrefix("skipping") {
                Terminal.printError("newsdb ingest: " + line)
            }
            if plan.survey.files == 0 && plan.survey.rejectedCount == 0 {
                Terminal.printError("newsdb ingest: warning: nothing to load in \(existing.joined(separator: " ")) (no page or dump files)")
            }
            var options = IngestPipeline.Options(
                jobs: jobs, batchSize: batch, defaultSource: source, recordLimit: maxRecordMB * 1_000_000, recheck: recheck)
            options.stopRequested = { stop.received != nil }
            options.indexDeferral = deferIndexes
            let pipeline = IngestPipeline(connection: connection, options: options)
            let arguments = CommandLine.arguments.dropFirst().joined(separator: " ")
            let summary = try pipeline.run(plan: plan, arguments: arguments) { progress in
                if terminal && !quiet { Terminal.printProgress(IngestReport.progressLine(progress)) }
            }
            if terminal && !quiet { Terminal.printProgress(nil) }
            if json {
                print(IngestReport.json(summary))
            } else {
                Terminal.printError(IngestReport.summaryLine(summary))
            }
            if summary.interrupted, let signal = stop.received {
                Terminal.printError("newsdb ingest: stopped by \(signal) after the last whole batch; run the same command again to finish")
                throw ExitCode(130)
            }
            if !missing.isEmpty { throw ExitCode.failure }
        }

        /// True when something (a file, a folder, a link, even a broken one) is at `path`.
        static func exists(_ path: String) -> Bool {
            var status = stat()
            return lstat(path, &status) == 0
        }
    }
}

extension IngestPipeline.IndexDeferral: ExpressibleByArgument {}
