/// What an element's name, class and id say about it: page furniture (menus, share bars, comment
/// threads, related lists) or the article's content. Class and id words are read as the tokens
/// between dashes, underscores and spaces, so "ad" matches `ad-slot` but not `header` or `shadow`.
enum BlockClass {
    /// Elements whose content is never article text.
    static let neverContent: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "button", "input",
        "select", "textarea", "option", "nav", "aside", "footer", "figure", "figcaption", "picture", "video",
        "audio", "map", "dialog", "menu", "head", "label",
    ]

    /// Elements that start a line of their own.
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead", "form", "fieldset",
        "address", "hr", "center", "body", "html",
    ]

    /// Elements whose text is a paragraph for scoring the article's container.
    static let paragraphElements: Set<String> = ["p", "pre", "td", "blockquote"]

    /// Class or id tokens of furniture.
    private static let furnitureTokens: Set<Substring> = [
        "comment", "comments", "commentlist", "disqus", "share", "sharing", "social", "sharebar", "related", "promo",
        "promotion", "newsletter", "subscribe", "subscription", "signup", "cookie", "cookies", "consent", "gdpr",
        "sidebar", "breadcrumb", "breadcrumbs", "ad", "ads", "advert", "advertisement", "sponsor", "sponsored",
        "popup", "modal", "recommended", "recommendations", "outbrain", "taboola", "popular", "trending",
        "mostread", "nav", "navbar", "navigation", "menu", "footer", "masthead", "banner", "widget", "tags",
        "tag", "toolbar", "tools", "pagination", "pager", "skip", "hidden", "bio", "rail", "teaser", "teasers",
        "overlay", "paywall", "caption", "credit", "copyright", "rss", "meta", "byline", "dateline", "timestamp",
        "newsletters", "readmore", "login", "search", "header", "topics",
    ]

    /// Class or id tokens of the furniture that holds text of its own (a comment thread, a sidebar of
    /// stories): nothing under it votes for the article's container. Narrower than `furnitureTokens`,
    /// whose words ("header", "meta", "hidden") also name wrappers around a whole page.
    private static let textFurnitureTokens: Set<Substring> = [
        "comment", "comments", "commentlist", "disqus", "sidebar", "footer", "related", "social", "share", "sharing",
        "recommended", "recommendations", "outbrain", "taboola", "trending", "popular", "mostread", "newsletter",
        "cookie", "consent", "gdpr", "breadcrumb", "breadcrumbs", "navbar", "navigation", "nav", "menu", "modal", "popup",
    ]

    /// True when the element is furniture with text of its own (see `textFurnitureTokens`).
    static func isTextFurniture(_ tokens: [Substring]) -> Bool {
        tokens.contains(where: textFurnitureTokens.contains) && !tokens.contains(where: contentTokens.contains)
    }

    /// Class or id tokens of an article's content.
    private static let contentTokens: Set<Substring> = [
        "article", "articlebody", "article-body", "body", "content", "entry", "main", "post", "story", "text",
        "prose", "blog", "postbody", "storybody", "story-body", "entry-content", "post-content", "article-content",
        "richtext", "rich", "copy", "paragraph",
    ]

    /// The tokens of an element's class and id, lower case.
    static func tokens(of node: HTMLNode) -> [Substring] {
        let words = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
        return words.split { !$0.isLetter && !$0.isNumber }
    }

    /// Points for or against an element as the article's container, from its class and id.
    static func weight(of tokens: [Substring]) -> Double {
        var weight = 0.0
        if tokens.contains(where: furnitureTokens.contains) { weight -= 25 }
        if tokens.contains(where: contentTokens.contains) { weight += 25 }
        return weight
    }

    /// True when the element's class or id names furniture and nothing of the content: the element
    /// is left out of the article's text (unless it holds the article itself).
    static func isFurniture(_ tokens: [Substring]) -> Bool {
        tokens.contains(where: furnitureTokens.contains) && !tokens.contains(where: contentTokens.contains)
    }

    /// Roles and microdata that mark furniture or the article whatever the class names.
    static func roleIsFurniture(_ node: HTMLNode) -> Bool {
        guard let role = node.attribute("role")?.lowercased() else { return false }
        return ["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu", "alert"].contains(role)
    }

    static func isArticleBody(_ node: HTMLNode) -> Bool {
        node.attribute("itemprop")?.lowercased() == "articlebody"
    }
}
