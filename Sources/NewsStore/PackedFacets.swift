/// One article's facet values in one text field (`article_facets.packed`):
/// `source|aggregator|YYYY-MM-DD|agency,agency|person ids|place ids|organisation ids`.
public struct PackedFacets: Equatable, Sendable {
    public var source: Int64?
    public var aggregator: Int64?
    public var day: String?
    public var agencies: [String]
    public var people: [Int64]
    public var places: [Int64]
    public var organizations: [Int64]

    public var text: String {
        func ids(_ list: [Int64]) -> String { list.map(String.init).joined(separator: ",") }
        return [source.map(String.init) ?? "", aggregator.map(String.init) ?? "", day ?? "",
                agencies.joined(separator: ","), ids(people), ids(places), ids(organizations)].joined(separator: "|")
    }
}
