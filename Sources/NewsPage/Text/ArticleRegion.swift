/// Where the article lies on a page: from its first body paragraph to its last, decided from
/// evidence over the whole page rather than line by line.
///
/// Each unit gets a score: long, sentence-like text counts for the article by its length; short
/// lines, menu items, list links, headline-only teasers and furniture count against it. The
/// article is the run of units with the highest total (the maximum-sum segment), so a few short
/// lines inside the article (subheadings, a caption) are bridged while menus, link lists and
/// teaser blocks around it are left out. Comment sections and "related"/"most read" blocks end
/// the article where they start, since their text can read as prose.
struct ArticleRegion: Equatable {
    /// The first and one past the last unit of the article.
    var start: Int
    var end: Int

    var range: Range<Int> { start..<end }

    /// Named weights of the scoring; each is in "words of prose".
    enum Weight {
        /// A line no rule explains and too short to be a sentence: a menu item, a label.
        static let shortLine = -3.0
        /// A list item that is not a sentence: a link in a menu or a list of stories.
        static let listLink = -4.0
        /// A headline-like line without a full stop: a teaser, a section title.
        static let headlineOnly = -2.0
        /// Furniture a strong rule recognised (share bars, promos, cookie notices).
        static let furniture = -8.0
        /// A sign of a comment: "anna_k says:", "Reply", "Report".
        static let commentSign = -20.0
        /// Share of its length a short sentence (not yet prose) counts with.
        static let sentenceShare = 0.5
        /// Share of its length an isolated paragraph counts with.
        static let isolatedShare = 0.5
        /// Units on either side where a paragraph looks for other text.
        static let neighbourhood = 2
        /// A heading of other stories ends the article when the text after it, up to the region's end,
        /// weighs less than this share of the text before it (a "Related" box inside an article has
        /// the rest of the article after it).
        static let textAfterHeadingShare = 0.5
        /// A later copy of text the page has shown already.
        static let repeated = -3.0
        /// Words from which a unit of text is checked for an earlier copy.
        static let repeatedTextWords = 8.0
        /// Words from which a repeated unit of text is a copy to leave out.
        static let repeatedParagraphWords = 15.0
        /// How many times longer than the paragraph it opens with a copy of several paragraphs is.
        static let copyOfManyParagraphs = 3.0
        /// Items a numbered list after the article has at least, to belong to it.
        static let numberedListItems = 3
        /// Units a numbered item may stand from the one before (the item's link, a picture's credit).
        static let numberedListGap = 3
        /// A unit of a teaser list (a headline and its summary, again and again).
        static let teaser = -2.0
        /// Pairs of headline and summary in a row that make a teaser list.
        static let teaserPairs = 3
        /// Words a teaser's summary stays under.
        static let teaserSummaryWords = 40.0
        /// Units after a comment heading where a comment sign confirms a comment thread.
        static let commentThreadReach = 8
    }

    /// The units' evidence and their scores, for `parse --explain`.
    static func scores(of evidence: [LineEvidence]) -> [Double] {
        let teasers = teaserUnits(in: evidence)
        let repeats = repeatedUnits(in: evidence)
        return evidence.indices.map { index in
            if teasers.contains(index) { return Weight.teaser }
            if repeats.contains(index) { return Weight.repeated }
            // Only prose asks whether it stands alone; the walk to its neighbours is spared for the rest.
            return score(evidence[index], isolated: evidence[index].shape == .prose && isIsolated(index, in: evidence))
        }
    }

    /// Units of text that copy an earlier unit of text: the same paragraph again (a gallery's
    /// captions shown twice), or a far longer one that opens with it (the whole article again in
    /// the page's metadata). The first copy is the one that counts.
    static func repeatedUnits(in evidence: [LineEvidence]) -> Set<Int> {
        var firstByOpening: [UInt64: Int] = [:]
        var repeats: Set<Int> = []
        for (index, line) in evidence.enumerated() where line.countsAsText && line.weight >= Weight.repeatedTextWords {
            guard let earlier = firstByOpening[line.opening] else {
                firstByOpening[line.opening] = index
                continue
            }
            // Short lines repeat in a recipe or a table; only a paragraph's copy is furniture.
            guard line.weight >= Weight.repeatedParagraphWords else { continue }
            let first = evidence[earlier]
            if line.folded == first.folded || line.weight >= first.weight * Weight.copyOfManyParagraphs { repeats.insert(index) }
        }
        return repeats
    }

    /// Units of teaser lists: a headline and its one-paragraph summary, again and again
    /// (`Weight.teaserPairs` times or more in a row). Such lists of other stories read as prose.
    static func teaserUnits(in evidence: [LineEvidence]) -> Set<Int> {
        // The units no strong rule removed, in order: furniture between a headline and its summary is skipped.
        let open = evidence.indices.filter { evidence[$0].strongRule == nil }
        var teasers: Set<Int> = []
        var run: [Int] = []
        var position = 0
        func closeRun() {
            if run.count >= 2 * Weight.teaserPairs { teasers.formUnion(run) }
            run = []
        }
        while position + 1 < open.count {
            let headline = evidence[open[position]], summary = evidence[open[position + 1]]
            if headline.shape == .headline, summary.countsAsText, summary.weight < Weight.teaserSummaryWords {
                run += [open[position], open[position + 1]]
                position += 2
            } else {
                closeRun()
                position += 1
            }
        }
        closeRun()
        return teasers
    }

    /// A paragraph with no other text within `Weight.neighbourhood` units on either side (furniture
    /// the strong rules removed does not count as a unit): a site's blurb or a cookie text in the
    /// footer, more often than a one-paragraph article.
    static func isIsolated(_ index: Int, in evidence: [LineEvidence]) -> Bool {
        !hasTextNeighbour(from: index, step: -1, in: evidence) && !hasTextNeighbour(from: index, step: 1, in: evidence)
    }

    private static func hasTextNeighbour(from index: Int, step: Int, in evidence: [LineEvidence]) -> Bool {
        var position = index + step
        var seen = 0
        while position >= 0, position < evidence.count, seen < Weight.neighbourhood {
            let line = evidence[position]
            if line.strongRule == nil {
                if line.countsAsText { return true }
                seen += 1
            }
            position += step
        }
        return false
    }

    static func score(_ line: LineEvidence, isolated: Bool) -> Double {
        if line.isCommentSign { return Weight.commentSign }
        if line.strongRule != nil || line.recurs { return Weight.furniture }
        switch line.shape {
        case .prose: return isolated ? line.weight * Weight.isolatedShare : line.weight
        case .sentence: return line.weight * Weight.sentenceShare
        case .listLink: return Weight.listLink
        case .headline: return Weight.headlineOnly
        case .short: return Weight.shortLine
        }
    }

    /// The article's region, or nil when the page has no unit of text that scores for it.
    static func find(in evidence: [LineEvidence]) -> ArticleRegion? {
        let scores = scores(of: evidence)
        guard var region = maximumSegment(scores) else { return nil }
        region.end = cutAtEndMarker(region, evidence: evidence, scores: scores)
        region.end = endOfNumberedList(after: region.end, evidence: evidence)
        return region
    }

    /// A list numbered from 1 ("1) …", "2. …") right after the article's last paragraph belongs to it
    /// (a listicle's items, each with a link or a line under it), unless a heading ("Most read"), a
    /// related link or a comment sign stands between; the article then ends with the list's last item.
    static func endOfNumberedList(after end: Int, evidence: [LineEvidence]) -> Int {
        var expected = 1
        var lastItem: Int?
        var index = end
        var gap = 0
        while index < evidence.count, gap <= Weight.numberedListGap {
            let line = evidence[index]
            if line.endMarker != nil || line.isCommentSign || line.strongRule == .related { break }
            if line.listNumber == expected {
                lastItem = index
                expected += 1
                gap = 0
            } else {
                gap += 1
            }
            index += 1
        }
        guard let lastItem, expected - 1 >= Weight.numberedListItems else { return end }
        // The item's own line under it (a link, a price) goes with it.
        var listEnd = lastItem + 1
        if listEnd < evidence.count, evidence[listEnd].listNumber == nil, evidence[listEnd].strongRule == nil,
            evidence[listEnd].endMarker == nil, !evidence[listEnd].countsAsText
        {
            listEnd += 1
        }
        return listEnd
    }

    /// Widgets inside the article: a heading of other stories that did not end it ("Related",
    /// "Trending"), with the links under it up to the next text.
    static func widgets(in region: ArticleRegion, evidence: [LineEvidence]) -> [Bool] {
        var widgets = Array(repeating: false, count: evidence.count)
        var inWidget = false
        for index in region.range {
            let line = evidence[index]
            if line.endMarker == .otherStories {
                inWidget = true
            } else if line.countsAsText {
                inWidget = false
            }
            widgets[index] = inWidget
        }
        return widgets
    }

    /// The contiguous run with the highest sum (Kadane's algorithm); the earliest on ties.
    static func maximumSegment(_ scores: [Double]) -> ArticleRegion? {
        var best: (sum: Double, start: Int, end: Int)?
        var runningSum = 0.0
        var runningStart = 0
        for (index, score) in scores.enumerated() {
            if runningSum <= 0 {
                runningSum = 0
                runningStart = index
            }
            runningSum += score
            if runningSum > (best?.sum ?? 0) { best = (runningSum, runningStart, index + 1) }
        }
        return best.map { ArticleRegion(start: $0.start, end: $0.end) }
    }

    /// A comment section, or a "related"/"most read" heading whose prose after it weighs less
    /// than the article before it, ends the article.
    private static func cutAtEndMarker(_ region: ArticleRegion, evidence: [LineEvidence], scores: [Double]) -> Int {
        var proseBefore = 0.0
        for index in region.range {
            let line = evidence[index]
            if let marker = line.endMarker, proseBefore >= minimumArticleBeforeEndMarker {
                // A comment heading, or a comment label followed by comments, ends the article
                // whatever follows; any other heading (or a "Comments" button in a share bar) only
                // when little text follows it.
                let thread = marker == .comments || marker == .commentLabel
                    && evidence[(index + 1)..<min(evidence.count, index + 1 + Weight.commentThreadReach)].contains(where: \.isCommentSign)
                let proseAfter = (index..<region.end).reduce(0.0) { $0 + max(0, scores[$1]) }
                if thread || proseAfter < proseBefore * Weight.textAfterHeadingShare { return lastPositive(before: index, scores: scores, from: region.start) }
            }
            proseBefore += max(0, scores[index])
        }
        return region.end
    }

    /// Words of prose the article must already hold before an end marker can end it (a marker
    /// above the first paragraphs belongs to the page's header).
    static let minimumArticleBeforeEndMarker = 30.0

    private static func lastPositive(before index: Int, scores: [Double], from start: Int) -> Int {
        var end = index
        while end > start + 1, scores[end - 1] <= 0 { end -= 1 }
        return end
    }
}
