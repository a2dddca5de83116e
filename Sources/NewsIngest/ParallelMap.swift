import Foundation

/// Maps items on several cores in the background while the caller does other work (the writer).
final class ParallelMap<Output: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `results` is written only by the workers, each at indices no other worker
    // touches, under `lock`; it is read only after `group.wait()`, which orders all those writes first.
    private var results: [Output?]
    private let lock = NSLock()
    private let group = DispatchGroup()

    private static var queue: DispatchQueue { DispatchQueue.global(qos: .userInitiated) }

    /// Starts mapping `items` with `jobs` workers; call `wait()` for the results, in order.
    init<Input: Sendable>(_ items: [Input], jobs: Int, _ transform: @escaping @Sendable (Input) -> Output) {
        results = Array(repeating: nil, count: items.count)
        let stripes = max(1, min(jobs, items.count))
        for stripe in 0..<stripes {
            group.enter()
            Self.queue.async { [self] in
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
