/// An article with what the writer derives from it already computed: the content hash, the body
/// text and the word count. Ingest prepares articles on the parsing threads, because the writer's
/// thread is the one a load waits for.
public struct PreparedArticle: Sendable {
    public let article: Article
    let contentHash: String
    let body: String
    let wordCount: Int

    public init(_ article: Article) {
        self.article = article
        contentHash = ContentHash.of(article)
        body = article.body
        wordCount = article.wordCount
    }
}
