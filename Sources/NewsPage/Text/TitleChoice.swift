/// Chooses the page's title among the headline-like lines above the article.
///
/// The title is the headline-like line nearest the article's start that is not a line about the
/// article (a date, a byline, a caption): one that the page's first line repeats (a saved page's
/// document title, "Headline | Site") first, then one followed by a byline or date (a headline over
/// its byline), then the nearest. Menus, teasers and section names sit further up.
///
/// A headline written as a sentence ("Markets on a high; time to be careful?") reads as prose, so it
/// stands among the standfirsts or opens the body: such a line is a candidate too, but only when the
/// page vouches for it (a byline or date under it, or the page showing it again elsewhere).
struct TitleChoice {
    /// The title's text, and the unit it came from.
    var title: String?
    var titleUnit: Int?
    /// Candidates that are not the title: section names, or the source's name when short.
    var others: [Int] = []
    /// Short title-case candidates that may name the source.
    var sourceCandidates: [Int] = []

    /// `sentences` are the sentence-shaped lines that may be a headline: short standfirsts and the
    /// body's first unit, `articleStart`.
    init(candidates headlines: [Int], sentences: [Int], articleStart: Int, units: [PageUnit]) {
        let isSentence = Set(sentences)
        let candidates = (headlines + sentences).sorted()
        let openingLine = units.first.map { $0.features.folded } ?? ""
        // Each line under a run of headlines is asked about by up to three of them: asked once.
        var bylineOrDate: [Int: Bool] = [:]
        func isBylineOrDate(_ index: Int) -> Bool {
            if let known = bylineOrDate[index] { return known }
            let answer = Self.isBylineOrDate(units[index].text, units[index].features)
            bylineOrDate[index] = answer
            return answer
        }
        func points(_ index: Int) -> Int {
            let line = units[index].features
            guard line.weight >= Double(Self.titleWords), !Self.isAboutTheArticle(units[index].text, line),
                !Self.isBreadcrumb(line)
            else { return -1 }
            var points = 0
            if index > 0, openingLine.contains(line.folded) { points += Self.repeatedInDocumentTitle }
            if ((index + 1)..<min(units.count, index + 1 + Self.titleToBylineReach)).contains(where: isBylineOrDate) {
                points += Self.followedByArticleLine
            }
            // Shown twice in a row (a page's headline and its print or share copy).
            let around = max(0, index - Self.repeatReach)...min(units.count - 1, index + Self.repeatReach)
            if around.contains(where: { $0 != index && units[$0].features.folded == line.folded }) { points += Self.shownTwice }
            if isSentence.contains(index) {
                // A sentence is a headline only on the page's word: shown again (its share or print
                // copy, its own entry in a list), or, opening the article without a full stop, over a
                // byline or date (above the article a sentence over a date is as often a summary or a
                // newsletter's pitch).
                // Lengths first: most lines differ in length, and only same-length lines build their text.
                let length = line.bareByteCount
                let bare = line.bare
                if units.indices.contains(where: { $0 != index && units[$0].features.bareByteCount == length && units[$0].features.bare == bare }) {
                    return max(points, Self.shownTwice)
                }
                // A paragraph ends with a full stop; a headline seldom does ("…; time to be careful?").
                let endsWithFullStop = units[index].text.hasSuffix(".") && !units[index].text.hasSuffix("...")
                return index == articleStart && !endsWithFullStop && points > 0 ? points : -1
            }
            return points
        }
        let scored = candidates.map { (index: $0, points: points($0)) }.filter { !isSentence.contains($0.index) || $0.points > 0 }
        // At equal points a headline beats a sentence, and the later line wins (nearer the article)…
        let eligible = scored.filter { $0.points >= 0 }
        var top = eligible.max {
            ($0.points, isSentence.contains($0.index) ? 0 : 1, $0.index) < ($1.points, isSentence.contains($1.index) ? 0 : 1, $1.index)
        }
        // …unless it is the summary under the headline, both over one byline: a headline as good just
        // above it, a full one (not a section's name), no longer than the summary and not a breadcrumb
        // holding it, which does not itself close a run of headlines (a teaser list).
        if let current = top,
            let above = eligible.last(where: { $0.index < current.index && $0.index >= current.index - Self.summaryReach }),
            above.points == current.points, !isSentence.contains(above.index), !LineEvidence.isListItem(units[above.index].text),
            !eligible.contains(where: { $0.index == above.index - 1 }),
            case let (headline, summary) = (units[above.index].features, units[current.index].features),
            headline.weight >= Double(Self.headlineOverSummaryWords), headline.weight <= summary.weight,
            !headline.folded.contains(summary.folded)
        {
            top = above
        }
        let best: Int
        if let top, top.points > 0 || headlines.first != 0 {
            best = top.index
        } else if headlines.first == 0, let documentTitle = Self.documentTitle(units[0].text) {
            // Nothing near the article vouches for itself, and the page opens with a headline: a
            // saved page's document title, "Headline | Site", without the site's name.
            title = documentTitle
            titleUnit = 0
            others = Array(headlines.dropFirst())
            return
        } else if let top {
            best = top.index
        } else if let last = scored.last(where: { units[$0.index].features.weight < Double(Self.titleWords) })?.index {
            // Only short candidates are left (a section name, the source's name): the last one, which
            // the length test below turns away unless it is the page's only headline.
            best = last
        } else {
            // Every candidate is a byline, a date or a caption: no title rather than a wrong one.
            others = headlines
            return
        }
        let bestWords = Int(units[best].features.weight)
        for candidate in headlines where candidate != best {
            others.append(candidate)
            if units[candidate].features.wordCount <= 6 { sourceCandidates.append(candidate) }
        }
        // A lone short line (a publisher name, a section) is not a title; a title says something.
        if bestWords >= 4 || candidates.count == 1 && bestWords >= 3 && units[best].text.contains(where: \.isLowercase)
            && !HeaderLines.isTitleCaseName(units[best].features)
        {
            title = units[best].text
            titleUnit = best
        } else {
            others.append(best)
            sourceCandidates.append(best)
        }
    }

    /// "Home Music Music News": a short breadcrumb trail from the home page, every word a link's
    /// capitalised name, no punctuation ("Home Depot Stock Is Falling After Its Earnings Release." is a headline).
    static func isBreadcrumb(_ line: LineFeatures) -> Bool {
        let words = line.text.split(separator: " ")
        guard words.count >= 2, words.count <= breadcrumbWords, line.sentenceMarks == 0, words[0].lowercased() == "home" else { return false }
        return words.allSatisfy { $0.first.map { $0.isUppercase || !$0.isLetter } ?? true }
    }

    /// A page's opening headline without the site's name after a separator ("Headline | Site",
    /// "Headline - Site"): the longest part, when it has a title's words.
    static func documentTitle(_ text: String) -> String? {
        var parts = [Substring(text)]
        for separator in [" | ", " - ", " – ", " — "] {
            parts = parts.flatMap { $0.split(separator: separator, omittingEmptySubsequences: true) }
        }
        guard let longest = parts.max(by: { $0.count < $1.count }) else { return nil }
        let title = String(longest).trimmedSpaces()
        return LineFeatures(title).weight >= Double(titleWords) ? title : nil
    }

    /// Units between a headline and the summary under it, at most (a label may stand between).
    static let summaryReach = 2
    /// Words a headline over its summary has at least.
    static let headlineOverSummaryWords = 7
    /// Words a breadcrumb trail has at most.
    static let breadcrumbWords = 5
    /// Words a headline written as a sentence has at most.
    static let sentenceTitleWords = 20
    /// Words a title has at least, unless the page offers nothing longer.
    static let titleWords = 4
    /// Points for a title candidate the page's first line repeats.
    static let repeatedInDocumentTitle = 4
    /// Points for a title candidate followed by a line about the article (byline, date).
    static let followedByArticleLine = 2
    /// Points for a title candidate the page shows twice in a row, and how near the copy must be.
    static let shownTwice = 1
    static let repeatReach = 2
    /// Units after a headline where its byline or date is looked for.
    static let titleToBylineReach = 3

    private static let aboutTheArticlePrefixes: PhraseList = [
        "by ", "posted", "published", "updated", "written by", "share", "follow", "photo", "image", "credit",
        "last updated", "tempo de leitura", "reading time", "texto:", "текст:", "publicado",
    ]
    private static let authorRoles: PhraseList = [
        "writer", "contributor", "editor", "correspondent", "reporter", "columnist", "staff", "editor-at-large",
    ]
    private static let captionCredits: PhraseList = ["getty", "/ap", "ap photo", "reuters", "afp", "shutterstock", "credit", "associated press"]

    /// A line that says something about the article rather than being its headline: a byline, a date
    /// or time, a share button, a picture's caption or credit.
    static func isAboutTheArticle(_ text: String, _ line: LineFeatures) -> Bool {
        if isBylineOrDate(text, line) { return true }
        // "Analysis by Ana Ruiz, CNN", "Tom Berg, Sports Writer": a byline without its "By".
        if line.wordCount <= 10, isCreditedName(text) || line.countWholePhrases(authorRoles) > 0 { return true }
        return line.containsAny(captionCredits) && !line.reportsSpeech
    }

    /// "Analysis by Ana Ruiz, CNN": at most two words, "by", then a name of capitalised words
    /// ("Delayed by a year" is a headline).
    static func isCreditedName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard let by = words.firstIndex(where: { $0.lowercased() == "by" }), by <= 2, by + 1 < words.count else { return false }
        let name = words[(by + 1)...].filter { $0.first?.isLetter == true }
        return !name.isEmpty && name.count <= 5 && name.allSatisfy { $0.first?.isUppercase == true }
    }

    /// A line that a headline has under it: a byline, a date, a "Posted"/"Updated" line.
    static func isBylineOrDate(_ text: String, _ line: LineFeatures) -> Bool {
        // A byline in a list ("* by Ana Ruiz") is still a byline.
        if LineEvidence.isListItem(text) {
            let item = String(text.unicodeScalars.dropFirst(2))
            return isBylineOrDate(item, LineFeatures(item))
        }
        if line.startsWithAny(aboutTheArticlePrefixes) || HeaderLines.byline(line) != nil { return true }
        // "By" alone on its line, the name on the next.
        if line.bare == "by" { return true }
        guard let match = DateParser.parse(text) else { return false }
        return match.date != nil || match.isWholeLine || line.containsPhrase("by") && line.wordCount <= 12
    }
}
