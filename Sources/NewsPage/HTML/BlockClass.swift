import CLibXML2

/// What an element's name, class, id and role say about it: page furniture (menus, share bars,
/// comment threads, related lists) or the article's content. Class and id words are read as the
/// tokens between dashes, underscores and spaces, so "ad" matches `ad-slot` but not `header` or
/// `shadow`. Every element of a page is asked, so names and tokens are compared as packed bytes,
/// without making strings.
struct BlockClass {
    /// The class or id names furniture and nothing of the content: left out of the article's text.
    var isFurniture = false
    /// Furniture with text of its own (a comment thread, a sidebar of stories): nothing under it
    /// votes for the article's container.
    var isTextFurniture = false
    /// Points for or against the element as the article's container.
    var weight = 0.0
    /// `itemprop="articleBody"`: the page marks its article.
    var isArticleBody = false
    /// An ARIA role of furniture (navigation, banner, complementary…): never article text.
    var hasFurnitureRole = false

    init(_ node: HTMLNode) {
        var furniture = false
        var textFurniture = false
        var content = false
        node.forEachAttribute { name, value in
            switch Self.attributeName(name) {
            case .classOrID:
                Self.forEachToken(value) { token in
                    if let kind = Self.tokenKinds[token] {
                        furniture = furniture || kind != .content
                        textFurniture = textFurniture || kind == .textFurniture
                        content = content || kind == .content
                    }
                }
            case .role:
                hasFurnitureRole = Self.furnitureRoles.contains(Self.packed(value))
            case .itemprop:
                isArticleBody = Self.packed(value) == Self.articleBodyWord
            case nil:
                break
            }
        }
        isFurniture = furniture && !content
        isTextFurniture = textFurniture && !content
        weight = (furniture ? -25 : 0) + (content ? 25 : 0)
    }

    private enum AttributeName {
        case classOrID
        case role
        case itemprop
    }

    private static func attributeName(_ name: UnsafePointer<xmlChar>) -> AttributeName? {
        switch (name[0], name[1]) {
        case (0x63, 0x6C): return xmlStrEqual(name, "class") == 1 ? .classOrID : nil
        case (0x69, 0x64): return name[2] == 0 ? .classOrID : nil
        case (0x72, 0x6F): return xmlStrEqual(name, "role") == 1 ? .role : nil
        case (0x69, 0x74): return xmlStrEqual(name, "itemprop") == 1 ? .itemprop : nil
        default: return nil
        }
    }

    /// A whole attribute value packed (lower case), or an empty word when it is too long to pack.
    private static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> PackedWord {
        var word = PackedWord()
        for byte in bytes where !word.append(byte) { return PackedWord() }
        return word
    }

    private static let articleBodyWord = PackedWord("articlebody")

    // MARK: Element names

    /// What an element's name says of it.
    struct Kind: OptionSet {
        let rawValue: UInt8
        /// Never article text (scripts, menus, forms' controls, figures).
        static let neverContent = Kind(rawValue: 1)
        /// Starts a line of its own.
        static let block = Kind(rawValue: 2)
        /// Its text is a paragraph for scoring the article's container.
        static let paragraph = Kind(rawValue: 4)
        /// Its own text (not inside a paragraph) is a paragraph: a body written straight into a div.
        static let textHolder = Kind(rawValue: 8)
    }

    static func kind(of node: HTMLNode) -> Kind {
        guard let name = node.pointer.pointee.name else { return [] }
        var packed = PackedWord()
        var index = 0
        while name[index] != 0 {
            guard packed.append(name[index]) else { return [] }
            index += 1
        }
        return elementKinds[packed] ?? []
    }

    private static let elementKinds: [PackedWord: Kind] = {
        var kinds: [PackedWord: Kind] = [:]
        func add(_ names: [String], _ kind: Kind) {
            for name in names { kinds[PackedWord(name), default: []].insert(kind) }
        }
        add(["script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "button", "input",
             "select", "textarea", "option", "nav", "aside", "footer", "figure", "figcaption", "picture", "video",
             "audio", "map", "dialog", "menu", "head", "label"], .neverContent)
        add(["p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
             "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead", "form", "fieldset",
             "address", "hr", "center", "body", "html"], .block)
        add(["p", "pre", "td", "blockquote"], .paragraph)
        add(["div", "section", "article", "main", "td", "dd", "center", "font"], .textHolder)
        return kinds
    }()

    // MARK: Class and id tokens

    private enum TokenKind {
        case furniture
        case textFurniture
        case content
    }

    private static let tokenKinds: [PackedWord: TokenKind] = {
        var kinds: [PackedWord: TokenKind] = [:]
        // Furniture, whose words ("header", "meta", "hidden") may also name a wrapper around a whole page.
        for token in [
            "share", "sharebar", "promo", "promotion", "subscribe", "subscription", "signup", "cookies", "sponsor",
            "sponsored", "ad", "ads", "advert", "advertisement", "masthead", "banner", "widget", "tags", "tag", "toolbar",
            "tools", "pagination", "pager", "skip", "hidden", "bio", "rail", "teaser", "teasers", "overlay", "paywall",
            "caption", "credit", "copyright", "rss", "meta", "byline", "dateline", "timestamp", "newsletters",
            "readmore", "login", "search", "header", "topics",
        ] {
            kinds[PackedWord(token)] = .furniture
        }
        // Furniture with text of its own: comment threads, sidebars, lists of other stories.
        for token in [
            "comment", "comments", "commentlist", "disqus", "sidebar", "footer", "related", "social", "sharing",
            "recommended", "recommendations", "outbrain", "taboola", "trending", "popular", "mostread", "newsletter",
            "cookie", "consent", "gdpr", "breadcrumb", "breadcrumbs", "navbar", "navigation", "nav", "menu", "modal", "popup",
        ] {
            kinds[PackedWord(token)] = .textFurniture
        }
        for token in [
            "article", "articlebody", "body", "content", "entry", "main", "post", "story", "text", "prose", "blog",
            "postbody", "storybody", "richtext", "rich", "copy", "paragraph",
        ] {
            kinds[PackedWord(token)] = .content
        }
        return kinds
    }()

    /// ARIA roles of furniture.
    private static let furnitureRoles: Set<PackedWord> = Set([
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu", "alert",
    ].map(PackedWord.init))

    /// Calls `body` with each run of letters and digits, lower case; runs too long to pack are skipped.
    private static func forEachToken(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (PackedWord) -> Void) {
        var token = PackedWord()
        var fits = true
        for byte in bytes {
            let isWordByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            if isWordByte {
                if fits { fits = token.append(byte) }
            } else {
                if fits, !token.isEmpty { body(token) }
                token = PackedWord()
                fits = true
            }
        }
        if fits, !token.isEmpty { body(token) }
    }
}

/// Up to 16 bytes of an ASCII word, lower case, packed in two integers: a key that costs no allocation.
struct PackedWord: Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var count: UInt8 = 0

    init() {}

    init(_ word: String) {
        for byte in word.utf8 { _ = append(byte) }
    }

    var isEmpty: Bool { count == 0 }

    /// Adds a byte (ASCII letters lower-cased); false once the word is too long to pack.
    mutating func append(_ byte: UInt8) -> Bool {
        guard count < 16 else { return false }
        let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        if count < 8 {
            low |= UInt64(lower) << (UInt64(count) * 8)
        } else {
            high |= UInt64(lower) << (UInt64(count - 8) * 8)
        }
        count += 1
        return true
    }
}
