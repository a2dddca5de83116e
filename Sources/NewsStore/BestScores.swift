/// The best (lowest) scores seen as matches stream past: the first `capacity` of them and every
/// one tied with the last of those, so a page ordered by score, then date, then id stays exact at
/// its edge. A search ranks every match but shows ten; most matches cost one comparison.
/// Past `tieLimit` ties at the edge it gives up (`overflowed`): the caller then ranks in SQL.
struct BestScores {
    static let tieLimit = 50_000
    let tieLimit: Int

    private(set) var entries: [(score: Double, id: Int64)] = []
    private(set) var overflowed = false
    let capacity: Int
    /// The best score of the matches offered and not kept (refused, or pushed out by better ones);
    /// infinity when every match offered is kept.
    private(set) var bestLeftOut = Double.infinity

    init(capacity: Int, tieLimit: Int = BestScores.tieLimit) {
        self.capacity = max(0, capacity)
        self.tieLimit = tieLimit
        entries.reserveCapacity(self.capacity + 1)
    }

    /// The worst score still kept once the capacity is reached: a worse one is not kept.
    var cutoff: Double { entries.count >= capacity && capacity > 0 ? entries[capacity - 1].score : .infinity }

    /// True when the match is kept (for now: a better one may push it out later).
    @discardableResult
    mutating func offer(id: Int64, score: Double) -> Bool {
        guard capacity > 0, !overflowed else { return false }
        if entries.count >= capacity && score > entries[capacity - 1].score {
            bestLeftOut = min(bestLeftOut, score)
            return false
        }
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].score <= score { low = middle + 1 } else { high = middle }
        }
        entries.insert((score, id), at: low)
        if entries.count > capacity {
            let edge = entries[capacity - 1].score
            while let last = entries.last, last.score > edge {
                bestLeftOut = min(bestLeftOut, last.score)
                entries.removeLast()
            }
            if entries.count > capacity + tieLimit {
                overflowed = true
                entries.removeAll()
                return false
            }
        }
        return true
    }

    /// Takes in what another collector kept of other matches: the result is what one collector
    /// offered all of them keeps, as each left out only matches worse than its own edge, which is
    /// no better than the edge of all of them.
    mutating func merge(_ other: BestScores) {
        guard !overflowed else { return }
        if other.overflowed {
            overflowed = true
            entries.removeAll()
            return
        }
        bestLeftOut = min(bestLeftOut, other.bestLeftOut)
        for entry in other.entries { offer(id: entry.id, score: entry.score) }
    }
}
