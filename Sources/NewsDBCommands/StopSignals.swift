import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a request to stop at the next batch boundary, instead of dying mid-batch.
final class StopSignals: @unchecked Sendable {
    // @unchecked Sendable: `name` is written by the signal sources' handlers and read by the
    // pipeline's thread, always under `lock`; the sources are only touched in init.
    private let lock = NSLock()
    private var name: String?
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for (number, label) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.receive(label) }
            source.resume()
            sources.append(source)
        }
    }

    private func receive(_ label: String) {
        lock.lock()
        defer { lock.unlock() }
        if name == nil {
            name = label
            FileHandle.standardError.write(Data("\nnewsdb ingest: \(label) received; stopping after the current batch\n".utf8))
        }
    }

    /// The signal that asked to stop, if any.
    var received: String? {
        lock.lock()
        defer { lock.unlock() }
        return name
    }
}
