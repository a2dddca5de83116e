/// What one unit of a page says about itself, measured once: every later decision (the article
/// region, the header fields, `parse --explain`) reads these instead of testing the line again.
struct LineEvidence {
    /// The unit's shape, from its length and punctuation.
    enum Shape: String {
        /// A paragraph of prose.
        case prose
        /// A short sentence: several words and a full stop.
        case sentence
        /// A bulleted item that is not a sentence: a menu entry or a link in a list.
        case listLink = "list-link"
        /// Several capitalised words without a full stop: a headline, a teaser, a section title.
        case headline
        /// Anything shorter: a label, a button, a number.
        case short
    }

    /// A line that starts what follows the article.
    enum EndMarker: String {
        /// A comment section's heading: "34 responses to …", "Leave a reply".
        case comments
        /// "Comments": a thread's heading when comments follow it, else a button.
        case commentLabel = "comment-label"
        /// A block of other stories: "Related articles", "Most read", "More from …".
        case otherStories = "other-stories"
    }

    let shape: Shape
    /// Length in words, with Chinese and Japanese characters counted two to a word.
    let weight: Double
    /// The position-independent furniture rule that matched, if any.
    let strongRule: LineRule?
    /// "anna_k says:", "Reply", "Report abuse": a line of a comment thread.
    let isCommentSign: Bool
    let endMarker: EndMarker?
    /// The line's hash for template counting, or nil when it is too long or has no letters to be template.
    let templateHash: UInt64?
    /// Other pages of the same site repeat the line word for word.
    let recurs: Bool
    /// The folded text, and its first bytes, to find text the page repeats.
    let folded: String
    let opening: UInt64

    /// The number a numbered list item starts with ("3) …", "3. …"), or nil.
    let listNumber: Int?

    /// Prose or a sentence: text an article is made of.
    var countsAsText: Bool { shape == .prose || shape == .sentence }

    init(_ unit: PageUnit, recurring: RecurringLines = .none) {
        let line = unit.features
        shape = Self.shape(of: unit)
        // Paragraphs of prose are never template: a site shows a story's lead again in its teaser
        // lists, and a wire story's paragraphs recur on many pages.
        templateHash = line.wordCount > 0 && shape != .prose && line.weight <= RecurringLines.templateLineWords
            ? RecurringLines.hash(line.foldedBytes) : nil
        recurs = templateHash.map(recurring.contains) ?? false
        strongRule = BoilerplateRules.classify(line)
        weight = line.weight
        isCommentSign = Self.isCommentSign(line)
        endMarker = Self.endMarker(line)
        listNumber = Self.listNumber(unit.text)
        folded = line.folded
        opening = RecurringLines.hash(line.foldedBytes.prefix(Self.openingLength))
    }

    /// Bytes of a unit's opening, hashed: enough to tell two sentences apart.
    static let openingLength = 60

    /// The shape thresholds, in words.
    enum Threshold {
        /// Words from which a line that ends like a sentence is prose.
        static let proseWithStop = 12.0
        /// Words from which any line is prose.
        static let proseWithoutStop = 25.0
        /// Words from which a line that ends like a sentence is a sentence.
        static let sentence = 4.0
        /// Words from which a capitalised line without a stop reads as a headline.
        static let headline = 4.0
        /// Words from which a bulleted line may be a paragraph.
        static let bulletedProse = 20.0
        /// Prose has at least one comma or full stop in this many words.
        static let wordsPerSentenceMark = 40.0
    }

    static func shape(of unit: PageUnit) -> Shape {
        let line = unit.features
        let weight = line.weight
        let stops = line.endsLikeSentence
        // Text without commas and full stops is a tag cloud or a menu run together, however long.
        let marks = line.sentenceMarks
        guard marks >= 1, Double(marks) >= weight / Threshold.wordsPerSentenceMark else {
            return isListItem(unit.text) ? .listLink : weight >= Threshold.headline ? .headline : .short
        }
        let listItem = isListItem(unit.text)
        // A bulleted line is a paragraph only when long: shorter ones are links to other pages.
        if listItem && weight < Threshold.bulletedProse { return .listLink }
        if weight >= Threshold.proseWithoutStop || (stops && weight >= Threshold.proseWithStop) { return .prose }
        if stops && weight >= Threshold.sentence { return .sentence }
        if listItem { return .listLink }
        // The first scalar, not the first Character: no grapheme breaking for every unit of every page.
        if weight >= Threshold.headline, let first = unit.text.unicodeScalars.first,
            first.properties.isUppercase || first.properties.numericType != nil || "\"“‘'".unicodeScalars.contains(first)
        {
            return .headline
        }
        return .short
    }

    /// "12) Title" or "12. Title": the number, when one to three digits, then ")" or "." and a space.
    static func listNumber(_ text: String) -> Int? {
        var value = 0
        var digits = 0
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte >= 0x30 && byte <= 0x39, digits < 3 {
                value = value * 10 + Int(byte - 0x30)
                digits += 1
                continue
            }
            guard digits > 0, byte == UInt8(ascii: ")") || byte == UInt8(ascii: "."), utf8.next() == UInt8(ascii: " ") else { return nil }
            return value
        }
        return nil
    }

    /// Starts with a bullet as text renderings draw them: "* ", "+ ", "• ", "- ", or "o " before a capital.
    static func isListItem(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == " " else { return false }
        switch first {
        case "*", "+", "•", "·", "-", "–", "▪", "■", "►", "»", ">": return true
        case "o": return scalars.next().map { $0.properties.isUppercase } ?? false
        default: return false
        }
    }

    // MARK: Comment threads and the blocks after an article

    private static let commentAuthorEndings: PhraseList = [" says:", " said:", " wrote:", " writes:", " says", " replied:"]
    private static let commentButtons: LineSet = [
        "reply", "report", "report abuse", "flag", "permalink", "like", "likes", "reply to this comment",
        "log in to reply", "responder", "rispondi", "antworten", "répondre", "balas", "ответить",
    ]

    static func isCommentSign(_ line: LineFeatures) -> Bool {
        if commentButtons.contains(line) { return true }
        guard line.wordCount <= 6, line.text.last == ":" || line.has(" says") else { return false }
        return commentAuthorEndings.contains { ending in
            line.foldedBytes.count >= ending.count && line.foldedBytes.suffix(ending.count).elementsEqual(ending)
        }
    }

    /// Headings that open a comment thread or a comment form: the article is over.
    private static let commentHeadings: LineSet = [
        "leave a reply", "leave a comment", "post a comment", "add a comment", "join the discussion",
        "join the conversation", "reader comments", "leave a reply cancel reply", "what do you think",
        "deixe um comentário", "deja un comentario", "lascia un commento", "laisser un commentaire",
        "tinggalkan komentar", "tinggalkan balasan", "оставить комментарий", "добавить комментарий",
    ]
    /// Words that head a comment thread, or label a button to one: a thread only when comments follow.
    private static let commentLabels: LineSet = [
        "comments", "comment", "discussion", "show comments", "view comments", "comentarios", "comentários",
        "commenti", "kommentare", "commentaires", "komentar", "комментарии", "댓글",
    ]
    private static let commentCountWords: PhraseList = ["comment", "response", "repl", "thought", "comentário", "comentario", "commenti"]
    /// Headings of blocks of other stories, matched as the whole line ("Related: a story's title"
    /// is a link inside the article, not a heading).
    private static let otherStoriesHeadings: LineSet = [
        "related", "related articles", "related stories", "related posts", "related content", "related coverage",
        "more stories", "more news", "most read", "most popular", "most viewed", "most shared", "most commented",
        "recommended", "recommended for you", "you may also like", "you might also like", "read next", "up next",
        "trending", "trending now", "popular posts", "recent posts", "latest news", "latest stories", "see also",
        "other stories", "what to read next", "don't miss", "leia também", "leia mais", "veja também",
        "notícias relacionadas", "читайте также", "leggi anche", "articoli correlati", "baca juga",
        "artikel terkait", "berita terkait", "lire aussi", "à lire aussi", "mehr zum thema", "noticias relacionadas",
    ]
    /// Headings that name what the other stories are from: "More from Sport", "More on this story".
    private static let otherStoriesLeads: PhraseList = ["more from ", "more on ", "more in ", "more stories from ", "more about "]

    static func endMarker(_ line: LineFeatures) -> EndMarker? {
        guard line.wordCount >= 1, line.wordCount <= 20 else { return nil }
        // "34 responses to “…”", "12 comments", "2 thoughts on …": a count, then the thread's name.
        if line.wordCount >= 2, line.startsWithNumber,
            commentCountWords.contains(where: { line.has(bytes: $0) })
        {
            return .comments
        }
        guard line.wordCount <= 8, !line.isSentence else { return nil }
        if commentHeadings.contains(line) { return .comments }
        if commentLabels.contains(line) { return .commentLabel }
        if otherStoriesHeadings.contains(line) { return .otherStories }
        if line.wordCount <= 6, line.text.last != ".", line.startsWithAny(otherStoriesLeads) { return .otherStories }
        return nil
    }
}
