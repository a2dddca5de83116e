import NewsIngest
import NewsStore

/// Text for people and scripts about an ingest: decisions, progress, summary.
enum IngestReport {
    static func decisions(_ plan: InputPlanner.Plan) -> [String] {
        var lines: [String] = []
        let survey = plan.survey
        if survey.files == 1, let file = survey.onlyFile {
            if file.path == "-" && file.decidedBy == "by content" {
                lines.append("reading <stdin>, its format told by its first bytes")
            } else {
                lines.append("reading \(file.displayName) as \(file.format.rawValue)\(file.gzip ? " (gzip)" : "") (\(file.decidedBy))")
            }
        } else if survey.files > 0 {
            lines.append("reading \(survey.files) files: " + survey.decisions.map { "\($0.files) \($0.decision)" }.joined(separator: ", "))
        }
        for (path, reason) in survey.skipped { lines.append("skipping \(path): \(reason)") }
        if survey.skippedCount > survey.skipped.count { lines.append("skipping \(survey.skippedCount - survey.skipped.count) more files") }
        return lines
    }

    static func progressLine(_ progress: IngestPipeline.Progress) -> String {
        let seconds = max(0.001, progress.elapsed.seconds)
        var parts = [
            "\(progress.filesDone)/\(progress.filesTotal) files",
            "\(progress.records) records",
            "\(Int(Double(progress.added + progress.duplicates) / seconds)) articles/s",
            String(format: "%.1f MB/s", Double(progress.bytesRead) / 1_000_000 / seconds),
            "\(progress.duplicates) duplicates",
            "\(progress.rejected) rejected",
        ]
        if let building = progress.buildingIndex {
            parts.append("building index \(building.name) (\(building.number) of \(building.of))")
        } else if let total = progress.bytesTotal, total > 0, progress.bytesRead > 0 {
            let remaining = Double(total - progress.bytesRead) / (Double(progress.bytesRead) / seconds)
            parts.append("ETA " + clock(max(0, remaining)))
        }
        return parts.joined(separator: " · ")
    }

    static func summaryLine(_ summary: IngestPipeline.Summary) -> String {
        let progress = summary.progress
        let seconds = max(0.001, progress.elapsed.seconds)
        var text = "run \(summary.run): added \(progress.added), duplicates \(progress.duplicates), rejected \(progress.rejected)"
        text += String(format: " in %.2f s (%.0f records/s)", seconds, Double(progress.records) / seconds)
        if !progress.skippedRecords.isEmpty {
            let kinds = progress.skippedRecords.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
            text += "; archive records that are not pages skipped: \(progress.skippedRecords.values.reduce(0, +)) (\(kinds.joined(separator: ", ")))"
        }
        if summary.alreadyLoaded > 0 { text += "; \(summary.alreadyLoaded) files unchanged since an earlier run were skipped (--recheck reads them)" }
        if progress.rejected > 0 { text += "; see `newsdb rejects --run \(summary.run)`" }
        if !summary.indexesLeftToBuild.isEmpty {
            text += "; indexes left to build (searches are right, some filters slower until the next ingest builds them): "
                + summary.indexesLeftToBuild.joined(separator: ", ")
        }
        return text
    }

    static func json(_ summary: IngestPipeline.Summary) -> String {
        let progress = summary.progress
        return """
            {"run": \(summary.run), "added": \(progress.added), "duplicates": \(progress.duplicates), \
            "rejected": \(progress.rejected), "records": \(progress.records), "files": \(progress.filesDone), \
            "already_loaded_files": \(summary.alreadyLoaded), "bytes": \(progress.bytesRead), \
            "skipped_archive_records": {\(progress.skippedRecords.sorted { $0.key < $1.key }.map { JSONText.string($0.key) + ": \($0.value)" }.joined(separator: ", "))}, \
            "indexes_left_to_build": [\(summary.indexesLeftToBuild.map(JSONText.string).joined(separator: ", "))], \
            "seconds": \(String(format: "%.3f", progress.elapsed.seconds))}
            """
    }

    private static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60) : String(format: "%d:%02d", total / 60, total % 60)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
