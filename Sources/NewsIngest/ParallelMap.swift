import Foundation

/// Maps items on several cores in the background while the caller does other work (the writer),
/// the workers at a lower priority than the caller.
final class ParallelMap<Output: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `results` is written only by the workers, each at indices no other worker
    // touches, under `lock`; it is read only after `group.wait()`, which orders all those writes first.
    private var results: [Output?]
    private let lock = NSLock()
    private let group = DispatchGroup()

    private static var queue: DispatchQueue { DispatchQueue.global(qos: .userInitiated) }
    /// How much workers yield to the caller's thread (0 to 19; 10 gives it about nine tenths of a shared core).
    private static var niceness: Int32 { 10 }

    /// Starts mapping `items` with `jobs` workers; call `wait()` for the results, in order.
    init<Input: Sendable>(_ items: [Input], jobs: Int, _ transform: @escaping @Sendable (Input) -> Output) {
        results = Array(repeating: nil, count: items.count)
        let stripes = max(1, min(jobs, items.count))
        for stripe in 0..<stripes {
            group.enter()
            Self.queue.async { [self] in
                // Below the caller: in a load the one writer thread is the bottleneck, and parsing
                // workers sharing its core at equal priority slowed every commit (100k pages on two
                // cores: 24.1-24.9 s -> 21.9-22.7 s). On Linux this nices the calling thread only.
                #if os(Linux)
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.niceness)
                #endif
                var index = stripe
                while index < items.count {
                    let output = transform(items[index])
                    lock.lock()
                    results[index] = output
                    lock.unlock()
                    index += stripes
                }
                group.leave()
            }
        }
    }

    func wait() -> [Output] {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return results.map { $0! }
    }
}
