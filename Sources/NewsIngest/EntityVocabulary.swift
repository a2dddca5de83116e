/// Word lists for the entity recogniser: the cues news text gives around names.
enum EntityVocabulary {
    /// Titles written before a name ("President", "Dr"); matched case-insensitively.
    static let titles: Set<String> = [
        "president", "prime", "minister", "chancellor", "king", "queen", "pope", "mr", "mrs", "ms", "dr", "sir", "dame",
        "gen", "general", "senator", "sen", "rep", "governor", "gov", "mayor", "judge", "justice", "secretary", "chief",
        "commander", "commander-in-chief", "councillor", "councilor", "professor", "prof", "prince", "princess",
        "ambassador", "director", "captain", "capt", "speaker", "deputy", "vice", "lord", "lady", "sheikh", "archbishop",
        "bishop", "cardinal", "coach", "skipper", "rev", "father", "sister", "colonel", "col", "lieutenant", "lt",
        "sergeant", "sgt", "major", "admiral", "chairman", "chairwoman", "chair", "premier", "emir", "sultan", "president-elect",
        "spokesperson", "spokesman", "spokeswoman", "envoy", "leader", "head", "founder", "co-founder", "executive",
        "ceo", "cfo", "farmer", "beekeeper", "hydrologist", "librarian", "analyst", "official", "economist", "teacher",
        "physician", "doctor", "nurse", "lawyer", "attorney", "researcher", "scientist", "writer", "reporter",
        "correspondent", "editor", "officer", "agronomist", "biologist", "engineer", "manager", "owner", "striker",
        "goalkeeper", "midfielder", "defender", "player", "actor", "actress", "singer", "author", "historian",
        "activist", "campaigner", "candidate", "challenger", "incumbent", "mp", "mep", "lawmaker", "legislator",
        "negotiator", "mediator", "adviser", "advisor", "aide", "commissioner", "inspector", "superintendent",
        "constable", "detective", "prosecutor", "magistrate", "resident", "student", "pilot", "driver", "organiser",
        "ombudsman", "defenseman", "defender", "forward", "quarterback", "linebacker", "receiver", "pitcher", "catcher",
        "winger", "centreback", "fullback", "rookie", "veteran", "teammate", "chancellor-elect", "spokesman-elect",
    ]

    /// Words that make a name an organisation ("… Ministry", "… University").
    static let organizationCues: Set<String> = [
        "ministry", "party", "council", "university", "agency", "inc", "inc.", "corp", "corp.", "corporation", "ltd",
        "llc", "plc", "gmbh", "bank", "army", "navy", "union", "cooperative", "co-operative", "federation", "association",
        "institute", "foundation", "trust", "office", "service", "services", "railways", "railway", "airlines", "airline",
        "ferries", "capital", "museum", "hospital", "observatory", "club", "committee", "commission", "court", "police",
        "company", "group", "authority", "department", "board", "fund", "forces", "guard", "brigade", "front",
        "movement", "church", "school", "college", "academy", "society", "network", "times", "post", "news", "press",
        "center", "centre", "league", "assembly", "government", "administration", "énergie", "energie", "energy",
        "systems", "technologies", "labs", "media", "bureau", "organisation", "organization", "alliance", "coalition",
        "cabinet", "chamber", "exchange", "library", "gazette", "courier", "herald", "journal", "tribune", "ledger",
        "standard", "telegraph", "guardian", "bulletin", "review",
        "motors", "airways", "holdings", "partners", "industries", "pharma", "pharmaceuticals", "studios", "records",
        "fc", "united", "city fc", "institution", "directorate", "secretariat", "tribunal", "prosecutors", "brigades",
        "militia", "council's", "parliament", "senate", "congress", "kremlin", "commonwealth",
        // The last words of company names by trade.
        "robotics", "aerospace", "productions", "management", "entertainment", "solutions", "software", "electric",
        "electronics", "communications", "telecom", "pictures", "logistics", "investments", "securities", "ventures",
        "insurance", "financial", "brands", "foods", "automotive", "mining", "petroleum", "resources", "realty",
        "properties", "consulting", "associates", "advisors", "advisers", "therapeutics", "biosciences", "semiconductor",
    ]

    /// Words that make a name a place ("Mill Street", "Port Calder", "Lake Orta").
    static let placeCues: Set<String> = [
        "street", "road", "avenue", "square", "rue", "boulevard", "lane", "river", "lake", "mountain", "mountains",
        "island", "islands", "bay", "province", "region", "county", "district", "port", "mount", "cape", "gulf",
        "strait", "valley", "coast", "peninsula", "desert", "forest", "sea", "ocean", "canal", "harbour", "harbor",
        "park", "heights", "plaza", "piazza", "platz", "strasse", "straße", "city", "town", "village", "oblast",
    ]

    /// Lower-case nouns after a single name that make it a place ("the Vellmar region", "the Varna river").
    static let placeNounsAfter: Set<String> = [
        "region", "province", "district", "county", "area", "river", "valley", "island", "islands", "mountains",
        "oblast", "state", "border", "coast", "peninsula", "basin", "delta", "strait", "lake",
    ]

    /// Lower-case words before a single name that make it a place ("in Westmere", "island of Skarvøy").
    static let placePrepositions: Set<String> = [
        "in", "near", "from", "to", "outside", "around", "across", "into", "towards", "toward", "via", "through",
        "throughout", "inside", "at",
    ]

    /// Nouns that precede "of X" for places: "the town of Alderbrook".
    static let placeNounsBeforeOf: Set<String> = [
        "town", "city", "village", "island", "region", "province", "port", "district", "county", "state", "capital",
        "suburb", "outskirts", "centre", "center", "municipality", "republic", "kingdom", "coast", "north", "south",
        "east", "west", "heart",
    ]

    /// Nouns that make "X, a …" an organisation: "Voltaris, a start-up".
    static let organizationNouns: Set<String> = [
        "start-up", "startup", "company", "firm", "group", "charity", "maker", "manufacturer", "operator", "developer",
        "retailer", "bank", "airline", "carrier", "insurer", "lender", "producer", "supplier", "publisher", "broadcaster",
        "newspaper", "agency", "organisation", "organization", "union", "party", "conglomerate", "giant", "subsidiary",
        "club", "team", "ngo", "nonprofit", "non-profit", "institute", "university", "network", "platform", "app",
    ]

    /// Words that make a capitalised sequence an event or a document, not a person.
    static let eventCues: Set<String> = [
        "open", "cup", "championship", "championships", "prize", "award", "awards", "festival", "day", "games",
        "convention", "treaty", "accord", "agreement", "act", "law", "olympics", "olympic", "war", "summit",
        "conference", "forum", "week", "marathon", "grand", "tour", "series", "expo", "show", "plan", "bill",
        "report", "index", "programme", "program", "project", "strategy", "initiative", "doctrine", "declaration",
        "charter", "constitution", "protocol", "code", "covid-19", "covid", "christmas", "easter", "ramadan",
    ]

    /// Capitalised words that start sentences or headlines without being names.
    static let commonCapitalized: Set<String> = [
        "the", "a", "an", "in", "on", "at", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
        "those", "but", "and", "or", "so", "if", "when", "while", "after", "before", "meanwhile", "however", "also",
        "as", "for", "from", "with", "by", "to", "of", "his", "her", "their", "our", "its", "my", "your", "there",
        "here", "what", "who", "why", "how", "where", "some", "many", "most", "more", "several", "one", "two",
        "three", "four", "five", "last", "next", "other", "another", "each", "every", "all", "no", "not", "yes",
        "despite", "during", "under", "over", "since", "until", "although", "though", "because", "once", "now",
        "then", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "about", "according", "among", "both", "even", "ever",
        "just", "only", "still", "such", "than", "thus", "upon", "whether", "which", "whose", "without", "yet",
        "asked", "speaking", "officials", "police", "people", "residents", "customers", "analysts", "experts",
        "engineers", "critics", "supporters", "opponents", "voters", "workers", "members", "scientists", "doctors",
        "local", "emergency", "national", "regional", "federal", "state", "opposition", "former", "new", "old",
        "first", "second", "third", "final", "early", "late", "mr", "mrs", "ms", "dr", "sir", "oh", "ok", "please",
        "thank", "thanks", "nobody", "everyone", "someone", "anyone", "nothing", "everything", "something",
        "let", "let's", "don't", "it's", "i'm", "we're", "we'd", "we've", "i've", "i'd", "you're", "they're",
        "there's", "that's", "what's", "he's", "she's", "isn't", "can't", "won't", "didn't", "doesn't", "wasn't",
        "hopefully", "unfortunately", "instead", "indeed", "perhaps", "maybe", "again", "further", "together",
    ]

    /// Verbs of speech: they attribute quotes and mark their subject as a speaker.
    static let speechVerbs: Set<String> = [
        "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "stated", "states", "wrote",
        "writes", "warned", "warns", "insisted", "insists", "explained", "explains", "noted", "notes", "argued",
        "argues", "declared", "declares", "announced", "announces", "replied", "replies", "responded", "responds",
        "continued", "recalled", "remarked", "admitted", "acknowledged", "claimed", "claims", "urged", "urges",
        "stressed", "stresses", "conceded", "confirmed", "confirms", "tweeted", "posted", "saying", "telling",
        "adding", "warning", "asking", "suggested", "suggests", "called", "calls", "described", "describes",
        "predicted", "promised", "vowed", "pledged", "cautioned", "emphasised", "emphasized", "observed", "joked",
        "read", "reads", "testified", "testifies",
    ]
}
