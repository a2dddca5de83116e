/// The word lists the line rules consult. Logic lives in the rules; teaching the parser a new
/// aggregator or a new kind of promo usually means adding a phrase here. Every entry is written
/// lower-case with straight quotes, as `TextNormalizer.folded` produces.
public enum Vocabulary {
    /// Wire agencies: the canonical name stored in `credits`, and the spellings pages use.
    public static let agencies: [(name: String, spellings: [String])] = [
        ("AP", ["ap", "associated press", "the associated press"]),
        ("AFP", ["afp", "agence france-presse", "agence france presse"]),
        ("Reuters", ["reuters", "thomson reuters"]),
        ("dpa", ["dpa", "deutsche presse-agentur"]),
        ("EFE", ["efe", "agencia efe"]),
        ("ANSA", ["ansa"]),
        ("Kyodo", ["kyodo", "kyodo news"]),
        ("Xinhua", ["xinhua"]),
        ("PA", ["pa", "pa media", "press association"]),
        ("UPI", ["upi", "united press international"]),
        ("Bloomberg", ["bloomberg", "bloomberg news"]),
        ("TASS", ["tass"]),
        ("Anadolu", ["anadolu", "anadolu agency"]),
        ("Yonhap", ["yonhap"]),
        ("AAP", ["aap", "australian associated press"]),
        ("Canadian Press", ["cp", "the canadian press", "canadian press"]),
        ("PTI", ["pti", "press trust of india"]),
        ("ANI", ["ani"]),
        ("IANS", ["ians"]),
        ("Interfax", ["interfax"]),
        ("Europa Press", ["europa press"]),
        ("Belga", ["belga"]),
        ("NTB", ["ntb"]),
        ("Jiji", ["jiji", "jiji press"]),
    ]

    /// Words that start a sponsor or advertising line.
    static let sponsorPrefixes: PhraseList = [
        "sponsor:", "sponsor ", "sponsored", "promoted", "paid content", "paid post", "partner content",
        "ad:", "advertisement:", "advertiser content", "presented by",
    ]

    /// Whole lines that are advertising slots.
    static let advertisementLines: LineSet = [
        "advertisement", "advertising", "ad", "ads", "sponsored content", "story continues below advertisement",
        "article continues below advertisement", "continue reading below", "story continues below",
        "scroll to continue with content", "skip advertisement", "remove ads",
    ]

    /// Single words or short phrases from navigation bars, buttons and breadcrumbs.
    static let navigationWords: LineSet = [
        "back", "topic", "topics", "home", "menu", "search", "next", "previous", "prev", "top", "more",
        "close", "sections", "section", "login", "log in", "sign in", "register", "account", "news",
        "world", "politics", "business", "sport", "sports", "opinion", "culture", "latest", "trending",
        "video", "videos", "live", "skip to content", "skip to main content", "back to top", "go back",
        "listen", "print", "save", "bookmark", "font size", "toggle navigation", "open menu", "show more",
        "load more", "read more", "see more", "view all", "all stories", "main menu", "breaking news",
        "home page", "homepage", "share", "share this", "tweet", "email", "copy link", "comments",
        "comment", "reply", "follow", "subscribe", "subscribe now", "log out", "settings", "edition",
        "weather", "markets", "tech", "science", "health", "entertainment", "lifestyle", "travel",
        "europe", "asia", "africa", "americas", "middle east", "us", "uk", "local", "national",
    ]

    /// Labels before a source name: "Source: The Harbor Courier".
    static let sourceLabels = [String]([
        "source:", "source -", "originally published by", "originally published in", "originally appeared in",
        "published by", "via:", "from:", "republished from", "this article originally appeared in",
        "this story originally appeared in", "this article was originally published by",
    ]).sorted { $0.count > $1.count }  // the longest label wins

    /// Labels that say a date is the publication date.
    static let publishedLabels = ["published", "updated", "posted", "first published", "last updated", "modified", "date", "issued"]

    /// Labels that say a date is when the aggregator captured or showed its copy.
    static let capturedLabels = ["captured", "saved", "retrieved", "fetched", "scraped", "archived", "aggregated", "added", "crawled", "seen"]

    /// Starts of image credit and caption lines.
    static let imageCreditPrefixes: PhraseList = [
        "image:", "images ", "image ", "image credit", "photo:", "photo ", "photos:", "photos ", "photograph:",
        "photograph by", "photo by", "photo credit", "picture:", "pictures:", "credit:", "illustration:",
        "illustration by", "file photo", "file image", "video:", "(photo", "(image", "(file photo",
    ]

    /// Picture agencies and phrases that end image credits ("… / Getty Images").
    static let imageCreditMarkers: PhraseList = [
        "getty images", "shutterstock", "ap photo", "afp photo", "reuters/", "/reuters", "via reuters",
        "epa-efe", "alamy", "istock", "imago", "dpa picture", "sipa", "/ap", "/afp", "pool photo", "handout",
    ]

    /// Calls to action: a reader is asked to do something for the site.
    static let callsToAction: PhraseList = [
        "take this", "take the survey", "take our", "sign up", "signup", "subscribe", "click here", "tap here",
        "download the", "download our", "follow us", "join us", "join our", "support our", "support independent",
        "donate", "register now", "register for", "get the latest", "get our", "don't miss", "never miss",
        "we'd love", "we would love", "tell us", "let us know", "share your", "help us", "try it free",
        "start your free", "unlock", "become a member", "enable notifications", "turn on notifications",
        "install the app", "get the app", "add us", "continue reading", "read the full", "listen to our",
        "watch our", "check out our", "learn more", "find out more", "contact us", "send us", "get breaking",
        "create a free account", "log in to", "already a subscriber", "have a tip", "got a tip",
    ]

    /// Things a site promotes; with a call to action addressed to the reader they make a promo.
    static let promoObjects: PhraseList = [
        "survey", "newsletter", "inbox", "app", "podcast", "subscription", "subscriber", "offer", "trial",
        "alerts", "notifications", "membership", "account", "briefing", "digest", "whatsapp", "telegram",
        "channel", "feedback", "tip", "donation", "journalism", "our coverage", "our reporting", "in english",
    ]

    /// Words that show a sentence speaks to the reader on the site's behalf.
    static let readerAddress = ["you", "your", "you're", "we'd", "we", "us", "our", "we're", "we've"]

    /// Short lines that are buttons of a promo block.
    static let buttonLines: LineSet = [
        "take the survey", "take survey", "sign up", "sign up now", "subscribe", "subscribe now", "subscribe here",
        "read more", "learn more", "click here", "download", "download now", "get the app", "try it free",
        "start free trial", "join now", "donate", "donate now", "register", "continue", "accept", "accept all",
        "reject all", "manage cookies", "i agree", "ok", "got it", "dismiss", "close", "no thanks", "share",
    ]

    /// Social networks: two or more in a short line make a share bar.
    static let socialNetworks: PhraseList = [
        "facebook", "twitter", "x.com", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "email",
        "e-mail", "messenger", "bluesky", "threads", "instagram", "tiktok", "youtube", "copy link", "print",
    ]

    /// Starts of lines that point to other stories.
    static let relatedPrefixes: PhraseList = [
        "related:", "related stories", "related articles", "related coverage", "related content", "read more:",
        "read also:", "read also", "also read:", "also read", "see also:", "more:", "more from", "recommended",
        "you may also like", "you might also like", "most read", "most popular", "trending now", "what to read next",
        "read next", "up next", "further reading", "more on this story", "more stories", "latest news",
        "editor's picks", "don't miss:", "watch:", "listen:", "read:", "explainer:", "analysis:", "opinion:",
    ]

    /// Paywall, translation and standards notices that publishers append to articles.
    static let notices: PhraseList = [
        "left to read", "for subscribers only", "subscribers only", "the rest is for subscribers",
        "subscribe to read", "subscribe to continue", "already subscribed", "already have an account",
        "translation of an original article", "the publisher may only be liable", "trust principles",
        "our standards:", "this article is more than", "this content is not available", "javascript is disabled",
        "enable javascript", "please enable", "your browser", "this video is no longer available",
        "modern browser", "update your browser", "internet explorer", "browser is out of date", "unsupported browser",
    ]

    /// Starts of tag and category lines.
    static let tagPrefixes: PhraseList = ["tags:", "topics:", "filed under:", "categories:", "category:", "keywords:", "more about:"]

    /// Starts of copyright and legal lines.
    static let copyrightPrefixes: PhraseList = ["©", "(c) ", "copyright", "all rights reserved", "this material may not be published"]

    /// Phrases of comment prompts and counters.
    static let commentPhrases: PhraseList = [
        "leave a comment", "view comments", "show comments", "join the conversation", "comments are closed",
        "add a comment", "post a comment", "be the first to comment", "comment on this", "reader comments",
    ]

    /// Words that end a trailing credit sentence ("… contributed to this report").
    static let creditPhrases: PhraseList = [
        "contributed to this report", "contributed reporting", "contributed to this story", "reporting by",
        "additional reporting", "writing by", "editing by", "compiled by", "with reporting from",
        "this story has been corrected", "this article was produced", "with agencies", "with wires",
        "staff and agencies", "and agencies", "with ap", "with afp", "with reuters", "sources:",
    ]

    /// Month names and abbreviations, in the languages aggregated pages use most.
    static let months: [String: Int] = {
        let names: [(Int, [String])] = [
            (1, ["jan", "january", "janvier", "januar", "enero", "gennaio", "jän"]),
            (2, ["feb", "february", "février", "fevrier", "februar", "febrero", "febbraio"]),
            (3, ["mar", "march", "mars", "märz", "marz", "marzo"]),
            (4, ["apr", "april", "avril", "abril", "aprile"]),
            (5, ["may", "mai", "mayo", "maggio"]),
            (6, ["jun", "june", "juin", "juni", "junio", "giugno"]),
            (7, ["jul", "july", "juillet", "juli", "julio", "luglio"]),
            (8, ["aug", "august", "août", "aout", "agosto"]),
            (9, ["sep", "sept", "september", "septembre", "septiembre", "settembre"]),
            (10, ["oct", "october", "octobre", "oktober", "octubre", "ottobre"]),
            (11, ["nov", "november", "novembre", "noviembre"]),
            (12, ["dec", "december", "décembre", "decembre", "dezember", "diciembre", "dicembre"]),
        ]
        var table: [String: Int] = [:]
        for (number, spellings) in names {
            for spelling in spellings { table[spelling] = number }
        }
        return table
    }()

    /// Words that may surround a date in a header line without making it prose.
    static let dateFillers: Set<String> = Set<String>([
        "on", "at", "the", "of", "am", "pm", "a", "m", "p", "edt", "est", "cdt", "cst", "mdt", "mst", "pdt",
        "pst", "et", "ct", "pt", "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "ist", "jst", "aest", "z",
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
        "fri", "friday", "sat", "saturday", "sun", "sunday", "min", "mins", "minute", "minutes", "read",
        "comments", "comment", "views", "time", "st", "nd", "rd", "th", "last", "first", "and", "local",
        "hrs", "h", "uhr", "le", "el", "du", "de", "um",
    ]).union(publishedLabels).union(capturedLabels)
}
