import CLibXML2
import Foundation

/// Finds the element that holds the article: paragraphs of text vote for their parent (fully) and
/// their further ancestors (less and less), a vote weighing the paragraph's length and commas; class
/// and id words add or take away points, and links take away their share of the text. The best
/// element, with the siblings that score near it, is the article.
struct ArticleContainer {
    /// The elements that hold the article, in document order.
    var nodes: [HTMLNode] = []

    /// A paragraph shorter than this (in characters) casts no vote.
    static let paragraphCharacters = 25
    /// How many ancestors a paragraph votes for.
    static let votingAncestors = 4
    /// Elements named as furniture hold less than this share of the page's text.
    static let furnitureShare = 0.5
    /// A sibling joins the article when it scores this share of the best, or at least `siblingFloor`.
    static let siblingShare = 0.2
    static let siblingFloor = 10.0

    private struct Stats {
        var characters = 0
        var linkCharacters = 0
        var commas = 0
    }

    /// Characters of text under an element (0 for one never measured).
    func characters(of node: HTMLNode) -> Int {
        slot(of: node).map { stats[$0].characters } ?? 0
    }

    private struct Candidate {
        var node: HTMLNode
        var score: Double
    }

    /// Each measured element's text counts and class verdict, at the slot its `_private` field holds
    /// (libxml2 keeps that pointer for the application): a lookup per element costs no hashing.
    private var stats: [Stats] = []
    /// What each element's class, id and role say, read once.
    private var classes: [BlockClass] = []

    /// What an element's class, id and role say (read now for an element the measure did not reach).
    func blockClass(of node: HTMLNode) -> BlockClass {
        slot(of: node).map { classes[$0] } ?? BlockClass(node)
    }

    /// The element's slot in `stats` and `classes`, nil for one the measure did not reach.
    private func slot(of node: HTMLNode) -> Int? {
        guard let mark = node.pointer.pointee._private else { return nil }
        let slot = Int(bitPattern: mark) - 1
        return slot >= 0 && slot < stats.count ? slot : nil
    }

    private mutating func assignSlot(_ node: HTMLNode, _ verdict: BlockClass) -> Int {
        let slot = stats.count
        stats.append(Stats())
        classes.append(verdict)
        node.pointer.pointee._private = UnsafeMutableRawPointer(bitPattern: slot + 1)
        return slot
    }
    private var candidates: [NodeKey: Candidate] = [:]
    private var order: [NodeKey] = []

    /// `description` is the page's own summary (its description meta): a container that holds its
    /// opening words is likely the article, as summaries are most often its first sentence.
    init(body: HTMLNode, description: String?) {
        var ancestors: [HTMLNode] = []
        var furniture: [Int] = []
        _ = assignSlot(body, BlockClass(body))
        let page = measure(body, ancestors: &ancestors, inLink: false, furniture: &furniture)
        // Furniture is what holds a small part of the page: a class word like "sidebar" on a wrapper
        // around the whole page (`container has-sidebar`) says nothing about its text.
        let furnitureLimit = Double(page.characters) * Self.furnitureShare
        for pending in pendingVotes where !pending.furniture.contains(where: { Double(stats[$0].characters) < furnitureLimit }) {
            vote(pending.paragraph, ancestors: pending.ancestors)
        }
        pendingVotes = []
        if let description { favourContainers(holding: description) }
        guard let best = bestCandidate() else { return }
        nodes = withSiblings(of: best)
    }

    /// Points for a container holding the description's opening, and how many of the best are asked.
    static let descriptionPoints = 25.0
    static let descriptionCandidates = 5
    /// How many times the description's length a favoured container's text is, at least.
    static let descriptionToArticle = 3

    private mutating func favourContainers(holding description: String) {
        let opening = Array(Self.collapsed(Array(description.utf8)).prefix(Self.descriptionOpeningBytes))
        guard opening.count == Self.descriptionOpeningBytes else { return }
        let best = order.compactMap { candidates[$0] }.sorted { finalScore($0) > finalScore($1) }.prefix(Self.descriptionCandidates)
        // A container that is the summary itself (a standfirst's div) is not favoured: the article holds more.
        let least = description.count * Self.descriptionToArticle
        for candidate in best where characters(of: candidate.node) >= least && Self.holds(opening, candidate.node) {
            candidates[NodeKey(candidate.node)]!.score += Self.descriptionPoints
        }
    }

    /// Bytes of the description's opening that a container must hold.
    static let descriptionOpeningBytes = 40

    private static func holds(_ opening: [UInt8], _ node: HTMLNode) -> Bool {
        collapsed(node.textContentBytes).withUnsafeBufferPointer { text in
            opening.withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: text) != nil }
        }
    }

    /// Runs of white space as one space, on the UTF-8 bytes.
    private static func collapsed(_ bytes: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { result, count in
            var inSpace = true
            var written = 0
            for byte in bytes {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    if !inSpace {
                        result[written] = 0x20
                        written += 1
                    }
                    inSpace = true
                } else {
                    result[written] = byte
                    written += 1
                    inSpace = false
                }
            }
            count = written
        }
    }

    /// Counts the text under each element (and the part inside links) and casts the paragraphs'
    /// votes: a paragraph element's for its ancestors, and text written straight into a `div` (no
    /// paragraph around it) for the div itself and its ancestors.
    /// The votes are cast once the page is measured: inside furniture (a comment thread, a sidebar)
    /// text casts no vote, and only then is it known which elements named as furniture are small.
    private mutating func measure(_ node: HTMLNode, ancestors: inout [HTMLNode], inLink: Bool, furniture: inout [Int]) -> Stats {
        var total = Stats()
        var direct = Stats()
        let inLink = inLink || node.named("a")
        ancestors.append(node)
        for child in node.children {
            if child.isText {
                let (count, commas) = child.withTextBytes(Self.visibleCharacters)
                direct.characters += count
                direct.commas += commas
                if inLink { direct.linkCharacters += count }
            } else if child.isElement {
                let kind = BlockClass.kind(of: child)
                if kind.contains(.neverContent) { continue }
                let verdict = BlockClass(child)
                if verdict.hasFurnitureRole { continue }
                let childSlot = assignSlot(child, verdict)
                let isFurniture = verdict.isTextFurniture
                if isFurniture { furniture.append(childSlot) }
                let inner = measure(child, ancestors: &ancestors, inLink: inLink, furniture: &furniture)
                if isFurniture { furniture.removeLast() }
                total.characters += inner.characters
                total.linkCharacters += inner.linkCharacters
                total.commas += inner.commas
                if kind.contains(.paragraph) {
                    if inner.characters >= Self.paragraphCharacters { postpone(inner, ancestors: ancestors, furniture: furniture) }
                } else if !kind.contains(.block) {
                    direct.characters += inner.characters
                    direct.linkCharacters += inner.linkCharacters
                    direct.commas += inner.commas
                    total.characters -= inner.characters
                    total.linkCharacters -= inner.linkCharacters
                    total.commas -= inner.commas
                }
            }
        }
        total.characters += direct.characters
        total.linkCharacters += direct.linkCharacters
        total.commas += direct.commas
        if BlockClass.kind(of: node).contains(.textHolder), direct.characters >= Self.paragraphCharacters,
            direct.linkCharacters * 2 < direct.characters
        {
            postpone(direct, ancestors: ancestors, furniture: furniture)
        }
        ancestors.removeLast()
        if let own = slot(of: node) { stats[own] = total }
        return total
    }

    private struct PendingVote {
        var paragraph: Stats
        var ancestors: [HTMLNode]
        var furniture: [Int]
    }

    private var pendingVotes: [PendingVote] = []

    private mutating func postpone(_ paragraph: Stats, ancestors: [HTMLNode], furniture: [Int]) {
        pendingVotes.append(PendingVote(paragraph: paragraph, ancestors: Array(ancestors.suffix(Self.votingAncestors)), furniture: furniture))
    }

    /// A paragraph's vote, from its length and commas, for the nearest of `ancestors` (the last) and less for those above.
    private mutating func vote(_ paragraph: Stats, ancestors: [HTMLNode]) {
        let points = 1 + Double(paragraph.commas) + min(Double(paragraph.characters) / 100, 3)
        for (level, ancestor) in ancestors.reversed().prefix(Self.votingAncestors).enumerated() {
            let key = NodeKey(ancestor)
            if candidates[key] == nil {
                candidates[key] = Candidate(node: ancestor, score: Self.baseScore(ancestor, blockClass(of: ancestor)))
                order.append(key)
            }
            let share = level == 0 ? 1 : level == 1 ? 0.5 : 1 / Double(level * 3)
            candidates[key]!.score += points * share
        }
    }

    /// A container's points before any votes: its kind of element and its class and id words.
    private static func baseScore(_ node: HTMLNode, _ verdict: BlockClass) -> Double {
        var score = verdict.weight
        if verdict.isArticleBody { score += 50 }
        switch node.name {
        case "article": score += 10
        case "div", "main", "section": score += 5
        case "pre", "td", "blockquote": score += 3
        case "form", "ul", "ol", "dl", "li": score -= 3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score -= 5
        default: break
        }
        return score
    }

    private func linkShare(_ node: HTMLNode) -> Double {
        guard let own = slot(of: node), stats[own].characters > 0 else { return 0 }
        let stats = stats[own]
        return Double(stats.linkCharacters) / Double(stats.characters)
    }

    private func finalScore(_ candidate: Candidate) -> Double {
        candidate.score * (1 - linkShare(candidate.node))
    }

    private func bestCandidate() -> Candidate? {
        var best: Candidate?
        for key in order {
            guard let candidate = candidates[key] else { continue }
            if best.map({ finalScore(candidate) > finalScore($0) }) ?? true { best = candidate }
        }
        return best
    }

    /// The best container and the siblings that belong with it (a body split over several divs,
    /// around an advertisement), in document order.
    private func withSiblings(of best: Candidate) -> [HTMLNode] {
        guard let parent = best.node.pointer.pointee.parent.map(HTMLNode.init), !best.node.named("body") else { return [best.node] }
        let threshold = max(Self.siblingFloor, finalScore(best) * Self.siblingShare)
        var kept: [HTMLNode] = []
        for sibling in parent.children where sibling.isElement {
            if sibling.pointer == best.node.pointer {
                kept.append(sibling)
                continue
            }
            if BlockClass.kind(of: sibling).contains(.neverContent) { continue }
            if let candidate = candidates[NodeKey(sibling)], finalScore(candidate) >= threshold {
                kept.append(sibling)
            } else if sibling.named("p"), characters(of: sibling) > 80, linkShare(sibling) < 0.25 {
                kept.append(sibling)
            }
        }
        return kept
    }

    /// Characters that are not spaces, counted on the UTF-8 bytes (continuation bytes left out), and
    /// commas (",", and the Chinese "，" "、" and Arabic "،").
    private static func visibleCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> (characters: Int, commas: Int) {
        var count = 0
        var commas = 0
        var previous: UInt8 = 0
        for byte in bytes {
            if byte > 0x20 && byte & 0xC0 != 0x80 { count += 1 }
            if byte == 0x2C || previous == 0xBC && byte == 0x8C || previous == 0x80 && byte == 0x81 || previous == 0xD8 && byte == 0x8C {
                commas += 1
            }
            previous = byte
        }
        return (count, commas)
    }
}

/// A node's address, as a dictionary key.
struct NodeKey: Hashable {
    let address: UInt

    init(_ node: HTMLNode) {
        address = UInt(bitPattern: node.pointer)
    }
}
