/// Entities with the number of articles naming them, for `newsdb entities`.
public struct EntityCount: Sendable, Equatable {
    public var id: Int64 = 0
    public var name: String
    public var type: Entity.Kind
    public var aliases: [String]
    public var articles: Int
}

public enum EntityQueries {
    /// Most-named first. `query` searches names and aliases through `entities_fts`.
    public static func top(matching query: SearchQuery?, type: Entity.Kind?, limit: Int, in connection: Connection) throws -> [EntityCount] {
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let expression = query?.expression {
            conditions.append("e.id IN (SELECT rowid FROM entities_fts WHERE entities_fts MATCH ?)")
            values.append(.text(expression))
        }
        if let type {
            conditions.append("e.type = ?")
            values.append(.text(type.rawValue))
        }
        values.append(SQLValue(limit))
        let rows = try connection.query("""
            SELECT e.name, e.type, count(ae.article_id) AS articles,
                   (SELECT group_concat(alias, '\u{1F}') FROM entity_aliases WHERE entity_id = e.id), e.id
            FROM entities e LEFT JOIN article_entities ae ON ae.entity_id = e.id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            GROUP BY e.id ORDER BY articles DESC, e.name LIMIT ?
            """, values)
        return rows.map { row in
            EntityCount(id: row.int64(4) ?? 0, name: row.string(0) ?? "", type: Entity.Kind(rawValue: row.string(1) ?? "") ?? .person,
                        aliases: row.string(3).map { $0.components(separatedBy: "\u{1F}") } ?? [], articles: row.int(2) ?? 0)
        }
    }
}

/// One quote found by `newsdb quotes`, with where it appeared.
public struct QuoteHit: Sendable, Equatable {
    public var id: Int64 = 0
    public var text: String
    public var speaker: String?
    public var partial: Bool
    public var articleID: Int64
    public var source: String?
    public var published: String?
    public var title: String?
}

public enum QuoteQueries {
    /// Quotes matching the words (ranked), said by the speaker (name or alias), published in the range.
    public static func search(
        _ query: SearchQuery?, speaker: String?, from: String?, to: String?, limit: Int, in connection: Connection
    ) throws -> [QuoteHit] {
        var conditions: [String] = []
        var values: [SQLValue] = []
        var order = "a.published DESC, q.id"
        var from_ = "quotes q"
        if let expression = query?.expression {
            from_ = "quotes_fts f JOIN quotes q ON q.id = f.rowid"
            conditions.append("quotes_fts MATCH ?")
            values.append(.text(expression))
            order = "bm25(quotes_fts), a.published DESC, q.id"
        }
        if let speaker {
            conditions.append("""
                (lower(q.speaker_name) = lower(?1s) OR lower(q.speaker_name) LIKE '% ' || lower(?1s) OR q.speaker_entity_id IN (
                    SELECT entity_id FROM entity_aliases WHERE lower(alias) = lower(?1s)
                    UNION SELECT id FROM entities WHERE lower(name) = lower(?1s)))
                """.replacingOccurrences(of: "?1s", with: "?"))
            values += Array(repeating: .text(speaker), count: 4)
        }
        if let from {
            conditions.append("a.published >= ?")
            values.append(.text(from))
        }
        if let to {
            conditions.append("a.published <= ?")
            values.append(.text(to + "T99"))
        }
        values.append(SQLValue(limit))
        let rows = try connection.query("""
            SELECT q.text, q.speaker_name, q.partial, a.id, s.name, a.published, a.title, q.id
            FROM \(from_) JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = a.source_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(order) LIMIT ?
            """, values)
        return rows.map { row in
            QuoteHit(id: row.int64(7) ?? 0, text: row.string(0) ?? "", speaker: row.string(1), partial: row.int(2) == 1, articleID: row.int64(3) ?? 0,
                     source: row.string(4), published: row.string(5), title: row.string(6))
        }
    }
}
