/// Rules that recognise page furniture wherever it sits: sponsors, ads, promos, share bars,
/// cookie notices, related links, tags, copyright, comment prompts and image credits.
/// Each rule looks at one line's features and the vocabularies; none looks at a literal page.
enum BoilerplateRules {
    /// The rule that removes `line`, or nil when it may be article text.
    static func classify(_ line: LineFeatures) -> LineRule? {
        if line.startsWithAny(Vocabulary.sponsorPrefixes) { return .sponsor }
        if Vocabulary.advertisementLines.contains(line) { return .advertisement }
        if isCookieNotice(line) { return .cookie }
        if isShareBar(line) { return .share }
        if line.wordCount <= 40, line.startsWithAny(Vocabulary.relatedPrefixes) { return .related }
        if line.startsWithAny(Vocabulary.tagPrefixes) { return .tags }
        if line.startsWithAny(Vocabulary.copyrightPrefixes) || line.has("all rights reserved") { return .copyright }
        if isCommentPrompt(line) { return .comments }
        if line.wordCount <= 40, line.containsAny(Vocabulary.notices), !line.reportsSpeech { return .notice }
        if let promo = promoRule(line) { return promo }
        if Vocabulary.buttonLines.contains(line) { return .promo }
        if isImageCredit(line) { return .imageCredit }
        return nil
    }

    private static let cookieWords: PhraseList = [
        "accept", "consent", "we use", "this site uses", "this website uses", "policy", "preferences", "settings",
    ]
    private static let sharePrefixes: PhraseList = ["share this", "share on", "share article", "share:", "share via", "share the story"]
    private static let followPhrases: PhraseList = ["follow us", "like us on", "find us on", "join us on", "follow our"]

    static func isCookieNotice(_ line: LineFeatures) -> Bool {
        guard line.has("cookie") else { return false }
        return line.containsAny(cookieWords)
    }

    static func isShareBar(_ line: LineFeatures) -> Bool {
        if line.wordCount <= 12, line.startsWithAny(sharePrefixes) {
            return true
        }
        guard line.wordCount <= 16 else { return false }
        let networks = line.countWholePhrases(Vocabulary.socialNetworks)
        // "Follow us on Facebook and Twitter for the latest updates."
        if networks >= 1, line.containsAny(followPhrases) { return true }
        return networks >= 2 && !line.isSentence && line.wordCount <= 12
    }

    static func isCommentPrompt(_ line: LineFeatures) -> Bool {
        guard line.wordCount <= 12 else { return false }
        if line.containsAny(Vocabulary.commentPhrases) { return true }
        // "12 comments", "Comments (4)"
        let words = line.words
        return words.count <= 3 && words.contains { $0 == "comments" || $0 == "comment" }
            && words.allSatisfy { $0 == "comments" || $0 == "comment" || $0.allSatisfy(\.isNumber) }
    }

    /// A line that asks the reader to do something for the site: take a survey, subscribe, follow.
    /// A sentence that reports speech ("…, the mayor said") is news, however promotional its words.
    static func promoRule(_ line: LineFeatures) -> LineRule? {
        guard line.wordCount <= 60, !line.reportsSpeech else { return nil }
        let calls = line.count(of: Vocabulary.callsToAction)
        guard calls > 0 else { return nil }
        let addressesReader = line.words.contains { Vocabulary.readerAddress.contains(String($0)) }
        let objects = line.countWholePhrases(Vocabulary.promoObjects)
        guard addressesReader, objects > 0 || calls >= 2 else {
            // A short imperative with a promo object needs no "you": "Sign up for the morning briefing".
            guard line.wordCount <= 12, objects > 0, !line.isSentence || line.text.hasSuffix("!") else { return nil }
            return ruleForPromo(line)
        }
        return ruleForPromo(line)
    }

    private static func ruleForPromo(_ line: LineFeatures) -> LineRule {
        line.has("newsletter") || line.has("inbox") ? .newsletter : .promo
    }

    static func isImageCredit(_ line: LineFeatures) -> Bool {
        guard line.wordCount <= 25 else { return false }
        if line.wordCount <= 15, !line.reportsSpeech, line.startsWithAny(Vocabulary.imageCreditPrefixes) {
            // "Photo: …" is a credit; "Photo radar cameras will be installed …" is a sentence.
            let labelled = Vocabulary.imageCreditPrefixes.phrases.contains { $0.hasSuffix(":") && line.begins($0) }
            if labelled || (line.wordCount <= 8 && !line.isSentence) || line.text.contains("/") { return true }
        }
        return line.containsAny(Vocabulary.imageCreditMarkers) && (line.wordCount <= 15 || line.has("photo"))
    }
}
