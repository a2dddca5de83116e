/// Renders elements of a page to the lines of text the text parser reads: one line per block
/// (paragraph, heading, list item, table cell), inline text joined, spaces collapsed, list items
/// marked "* ". Furniture (menus, share bars, comment threads, by element, role, class or id) is
/// left out, so the text parser sees the article with little around it.
struct BlockRenderer {
    private(set) var lines: [String] = []
    private var current: [UInt8] = []

    /// A block with more than this share of its text in links, and shorter than `linkBlockCharacters`,
    /// is a list of links, not text.
    static let linkBlockShare = 0.5
    static let linkBlockCharacters = 200

    private var linkBytes = 0
    /// Characters under an element, and the least an element named as furniture must hold to be
    /// kept anyway (a wrapper whose class merely mentions a sidebar or a header).
    private let characters: (HTMLNode) -> Int
    private let blockClass: (HTMLNode) -> BlockClass
    private var keptFurniture = Int.max
    private var seenHeadline = false

    /// Elements named as furniture that hold more than this share of the rendered text are kept.
    static let furnitureShare = 0.5

    init(characters: @escaping (HTMLNode) -> Int, blockClass: @escaping (HTMLNode) -> BlockClass) {
        self.characters = characters
        self.blockClass = blockClass
    }

    /// Renders `nodes` and what is under them, in document order.
    mutating func render(_ nodes: [HTMLNode]) {
        let total = nodes.reduce(0) { $0 + characters($1) }
        keptFurniture = total > 0 ? Int(Double(total) * Self.furnitureShare) : Int.max
        for node in nodes { visit(node, top: true, inLink: false) }
        flush()
    }

    private mutating func visit(_ node: HTMLNode, top: Bool, inLink: Bool) {
        for child in node.children {
            if child.isText {
                let before = current.count
                child.withTextBytes { appendCollapsed($0) }
                if inLink { linkBytes += current.count - before }
                continue
            }
            guard child.isElement else { continue }
            if child.named("br") {
                flush()
                continue
            }
            let kind = BlockClass.kind(of: child)
            if kind.contains(.neverContent) { continue }
            let verdict = blockClass(child)
            if verdict.hasFurnitureRole || verdict.isFurniture && !verdict.isArticleBody && characters(child) < keptFurniture { continue }
            // The first <h1> is the page's headline: the title, not the body's first paragraph.
            if !seenHeadline, child.named("h1") {
                seenHeadline = true
                continue
            }
            let isBlock = kind.contains(.block)
            if isBlock { flush() }
            if child.named("li") { current += Array("* ".utf8) }
            visit(child, top: false, inLink: inLink || child.named("a"))
            if isBlock { flush() }
        }
    }

    private mutating func appendCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                if let last = current.last, last != 0x20 { current.append(0x20) }
            } else {
                current.append(byte)
            }
        }
    }

    private mutating func flush() {
        defer {
            current.removeAll(keepingCapacity: true)
            linkBytes = 0
        }
        while current.last == 0x20 { current.removeLast() }
        let text = String(decoding: current, as: UTF8.self)
        let visible = text.hasPrefix("* ") ? text.dropFirst(2) : Substring(text)
        guard visible.contains(where: { $0.isLetter || $0.isNumber }) else { return }
        let share = Double(linkBytes) / Double(max(1, current.count))
        if share > Self.linkBlockShare, current.count < Self.linkBlockCharacters { return }
        lines.append(text)
    }
}
