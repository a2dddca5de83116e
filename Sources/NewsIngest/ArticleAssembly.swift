import NewsPage
import NewsStore

/// Maps the page parser's output to the stored article, and gives every article, however it
/// arrived, its dateline, entities and quotes.
public enum ArticleAssembly {
    /// The article of a parsed page, with its entities and quotes.
    public static func article(from page: ParsedPage) -> Article {
        var article = Article(origin: page.origin)
        article.source = page.source
        article.aggregator = page.aggregator
        article.published = page.published
        article.captured = page.captured
        article.title = page.title
        article.url = page.url
        article.byline = page.byline
        article.dateline = page.dateline
        article.imageCredit = page.imageCredit
        article.credits = page.credits
        article.paragraphs = page.paragraphs
        (article.entities, article.quotes) = Extraction.extract(from: article.paragraphs, dateline: article.dateline)
        return article
    }

    /// What an article from a dump's fields gets: the dateline cut from its first paragraph (its
    /// agency credited), then entities and quotes.
    public static func complete(_ article: inout Article) {
        if article.dateline == nil, let first = article.paragraphs.first, let dateline = Dateline.match(first) {
            article.dateline = dateline.text
            article.paragraphs[0] = dateline.remainder
            for agency in dateline.agencies where !article.credits.contains(agency) { article.credits.append(agency) }
        }
        (article.entities, article.quotes) = Extraction.extract(from: article.paragraphs, dateline: article.dateline)
    }
}
