import Foundation
import NewsIngest
import NewsPage
import NewsStore

enum Bench {
    static func report(_ name: String, _ value: Double, _ unit: String) {
        FileHandle.standardOutput.write(Data("\(name) \(String(format: "%.3f", value)) \(unit)\n".utf8))
    }

    /// Threads a search scores a large match set with: `BENCH_THREADS`, else one per core.
    static let threads = ProcessInfo.processInfo.environment["BENCH_THREADS"].flatMap { Int($0) }

    /// A search engine on `connection` with `threads` set.
    static func engine(_ connection: Connection) -> SearchEngine {
        let engine = SearchEngine(connection: connection)
        if let threads { engine.threads = threads }
        let environment = ProcessInfo.processInfo.environment
        if let minimum = environment["BENCH_MINIMUM_MATCHES"].flatMap({ Int($0) }) { engine.pruning.minimumMatches = minimum }
        if let perBlock = environment["BENCH_MATCHES_PER_BLOCK"].flatMap({ Int($0) }) { engine.pruning.matchesPerBlock = perBlock }
        if let perBlock = environment["BENCH_WORD_MATCHES_PER_BLOCK"].flatMap({ Int($0) }) { engine.pruning.wordMatchesPerBlock = perBlock }
        if let single = environment["BENCH_SINGLE_STATEMENTS"].flatMap({ Int($0) }) { engine.pruning.singleStatements = single }
        if let single = environment["BENCH_MAXIMUM_SINGLE_STATEMENTS"].flatMap({ Int($0) }) { engine.pruning.maximumSingleStatements = single }
        if let share = environment["BENCH_FILTERED_SHARE"].flatMap({ Int($0) }) { engine.pruning.filteredShare = share }
        return engine
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }

    // MARK: generate

    static func generate(count: Int, seed: UInt64, output: String, sampleData: String) throws {
        let pagesFolder = URL(fileURLWithPath: sampleData).appendingPathComponent("pages")
        var sentences: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: pagesFolder.path).sorted() where name.hasSuffix(".txt") {
            let page = PageParser.parse(try PageFile.read(path: pagesFolder.appendingPathComponent(name).path), origin: name)
            for paragraph in page.paragraphs where !sentences.contains(paragraph) { sentences.append(paragraph) }
        }
        var generator = CorpusGenerator(seed: seed, sampleSentences: sentences)
        let root = URL(fileURLWithPath: output)
        let pages = root.appendingPathComponent("pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root.appendingPathComponent("articles.jsonl").path, contents: nil)
        _ = FileManager.default.createFile(atPath: root.appendingPathComponent("articles.csv").path, contents: nil)
        let jsonl = try FileHandle(forWritingTo: root.appendingPathComponent("articles.jsonl"))
        let csv = try FileHandle(forWritingTo: root.appendingPathComponent("articles.csv"))
        csv.write(Data("title,text,source,published,author,url\n".utf8))
        var previous: [CorpusGenerator.GeneratedArticle] = []
        var jsonBuffer = Data()
        var csvBuffer = Data()
        for number in 0..<count {
            var article = generator.article(number: number)
            let roll = generator.random.next(1000)
            if roll < 30, let copy = previous.randomElement(using: &generator.random) {
                article = copy  // an exact duplicate, re-posted by another aggregator
            } else if roll < 50, var near = previous.randomElement(using: &generator.random) {
                near.paragraphs = near.paragraphs.map { $0.replacingOccurrences(of: "\"", with: "“").replacingOccurrences(of: " ", with: "  ") }
                article = near  // a near duplicate: same words, other quotes and spacing
            } else if roll < 52 {
                article.paragraphs = []  // malformed: a page with no body
            }
            if previous.count < 500 { previous.append(article) } else { previous[number % 500] = article }
            let folder = pages.appendingPathComponent(String(format: "%04d", number / 1000))
            if number % 1000 == 0 { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
            let page = generator.page(article, layout: number % 3, captured: "2026-01-02")
            try Data(page.utf8).write(to: folder.appendingPathComponent(String(format: "%07d.txt", number)))
            let body = article.paragraphs.joined(separator: "\n\n")
            let url = "https://bench.example.org/\(number)"
            jsonBuffer += Data((json(["title": article.title, "text": body, "source": article.source, "published": article.published,
                                      "author": article.byline, "url": url]) + "\n").utf8)
            csvBuffer += Data(([article.title, body, article.source, article.published, article.byline, url]
                .map(CSVText.field).joined(separator: ",") + "\n").utf8)
            if jsonBuffer.count > 1 << 20 {
                jsonl.write(jsonBuffer)
                csv.write(csvBuffer)
                jsonBuffer.removeAll(keepingCapacity: true)
                csvBuffer.removeAll(keepingCapacity: true)
            }
        }
        jsonl.write(jsonBuffer)
        csv.write(csvBuffer)
        try jsonl.close()
        try csv.close()
    }

    static func json(_ fields: [String: String]) -> String {
        "{" + fields.sorted { $0.key < $1.key }.map { key, value in "\"\(key)\": \(JSONText.string(value))" }.joined(separator: ", ") + "}"
    }

    // MARK: floor

    /// The same texts into the same schema with no parsing: the best SQLite can do.
    static func floor(database: String, jsonl: String, strategy: String) throws {
        let connection = try NewsDatabase.open(path: database)
        var rows: [(String, String, String)] = []
        let text = try String(contentsOfFile: jsonl, encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] else { continue }
            let paragraphs = (object["text"] ?? "").components(separatedBy: "\n\n")
            rows.append((object["title"] ?? "", paragraphs.first ?? "", paragraphs.dropFirst().joined(separator: "\n\n")))
        }
        if strategy != "triggers" {
            try connection.execute("DROP TRIGGER articles_ai")
        }
        let clock = ContinuousClock()
        let start = clock.now
        try connection.transaction {
            let insert = try connection.prepare(
                "INSERT INTO articles (title, lead, body, content_hash, origin) VALUES (?, ?, ?, ?, 'floor')")
            let fts = try connection.prepare("INSERT INTO articles_fts (rowid, title, lead, body) VALUES (?, ?, ?, ?)")
            for (index, row) in rows.enumerated() {
                try insert.bind([.text(row.0), .text(row.1), .text(row.2), .text(String(index))])
                try insert.run()
                if strategy == "program" {
                    try fts.bind([.integer(connection.lastInsertRowID), .text(row.0), .text(row.1), .text(row.2)])
                    try fts.run()
                }
            }
            if strategy == "rebuild" {
                try connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
            }
        }
        report("floor_\(strategy)_seconds", seconds(clock.now - start), "s")
        report("floor_\(strategy)_articles_per_second", Double(rows.count) / seconds(clock.now - start), "articles/s")
    }

    // MARK: search

    static let querySet = [
        "said", "percent", "harbour", "ferry crossings", "\"told reporters\"", "council*", "strike OR drought",
        "plan -harbour", "officials counted", "university", "ferry from:2024", "said source:\"The Coastal Ledger\"",
        "growers agency:AP", "rail union", "NEAR(harbour council, 5)", "lighthouse",
    ]

    /// The kind of each query of the set, for percentiles per kind (a common word costs what its
    /// matches cost; a rare one what the query's fixed work costs).
    static func kind(of query: String) -> String {
        switch query {
        case "said", "percent": "common"
        case "harbour", "university", "lighthouse": "word"
        case "ferry crossings", "officials counted", "rail union": "and"
        case "\"told reporters\"", "NEAR(harbour council, 5)": "phrase"
        case "council*": "prefix"
        case "strike OR drought": "or"
        case "plan -harbour": "not"
        default: "filtered"
        }
    }

    /// The query set grouped by kind, kinds in name order.
    static var queriesByKind: [(kind: String, queries: [String])] {
        Dictionary(grouping: querySet, by: kind(of:)).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func reportPercentiles(_ prefix: String, _ times: [Double]) {
        report(prefix + "_p50_ms", percentile(times, 0.5), "ms")
        report(prefix + "_p95_ms", percentile(times, 0.95), "ms")
        report(prefix + "_p99_ms", percentile(times, 0.99), "ms")
    }

    /// Whole processes: `newsdb search --db DB QUERY --limit 10` started `count` times per query, as a
    /// script or a shell user runs it (start, open, search, print, exit). Warm: the file as the runs
    /// before left it in the page cache. Cold: the database's pages dropped from the cache before each run.
    static func processLatency(database: String, newsdb: String, repeat count: Int) throws {
        var warm: [String: [Double]] = [:]
        var cold: [String: [Double]] = [:]
        readIntoPageCache(database)
        for query in querySet { _ = try timeProcess(newsdb, database, query) }
        for _ in 0..<count {
            for query in querySet { warm[query, default: []].append(try timeProcess(newsdb, database, query)) }
        }
        for _ in 0..<count {
            for query in querySet {
                evictFromPageCache(database)
                cold[query, default: []].append(try timeProcess(newsdb, database, query))
            }
        }
        for (name, times) in [("search_process", warm), ("search_process_cold", cold)] {
            reportPercentiles(name, times.values.flatMap { $0 })
            for (kind, queries) in queriesByKind {
                reportPercentiles("\(name)_\(kind)", queries.flatMap { times[$0] ?? [] })
            }
        }
    }

    /// One `newsdb search` process, start to exit, in milliseconds. Spawned and awaited directly:
    /// Foundation's `Process.waitUntilExit` polls, which rounded every run up to a multiple of 50 ms.
    private static func timeProcess(_ newsdb: String, _ database: String, _ query: String, extra: [String] = []) throws -> Double {
        let words: [String] = [newsdb, "search", "--db", database, "--limit", "10"] + extra
            + (threads.map { ["--threads", String($0)] } ?? []) + ["--", query]
        let arguments = words.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let clock = ContinuousClock()
        let start = clock.now
        var pid: pid_t = 0
        guard posix_spawn(&pid, newsdb, &actions, nil, arguments + [nil], environ) == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let elapsed = seconds(clock.now - start) * 1000
        // 0: exited normally with status 0.
        guard status == 0 else { throw CocoaError(.executableLoad) }
        return elapsed
    }

    /// Reads the file (and its WAL) through once, so that warm figures start from a file wholly in
    /// the page cache: an earlier cold run evicted it, and on a VM whose host reclaims idle cache
    /// (a 1M file lost a fifth of its cached pages in ten idle minutes) the runs before leave
    /// only part of it there.
    static func readIntoPageCache(_ database: String) {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        for path in [database, database + "-wal"] {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { continue }
            while read(descriptor, buffer, chunk) > 0 {}
            close(descriptor)
        }
    }

    /// Asks the kernel to drop the file's cached pages (and its WAL's): the next read goes to the disk.
    /// Needs no privilege, unlike dropping every cache; pages another process maps stay.
    static func evictFromPageCache(_ database: String) {
        for path in [database, database + "-wal"] {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { continue }
            _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
            close(descriptor)
        }
    }

    static func searchLatency(database: String, repeat count: Int) throws {
        readIntoPageCache(database)
        let connection = try NewsDatabase.openReadOnly(path: database)
        let engine = Bench.engine(connection)
        var ours: [Double] = []
        var floors: [Double] = []
        var byQuery: [String: (ours: [Double], floor: [Double], everyMatch: [Double])] = [:]
        var statements: [String: Int] = [:]
        let clock = ContinuousClock()
        // The floor on a connection of its own, and in a loop of its own after ours: a floor query
        // sorts every match, and run between two of ours it charged the next one up to 150 ms at
        // 1M (the memory it freed), which is none of our search's doing.
        let floorConnection = try NewsDatabase.openReadOnly(path: database)
        // The same engine scoring every match on one thread, as before pruned ranking: what pruning
        // and the helpers gain.
        let exhaustive = SearchEngine(connection: try NewsDatabase.openReadOnly(path: database))
        exhaustive.allowsPruning = false
        exhaustive.threads = 1
        var everyMatch: [Double] = []
        // Warm: each query once each way before any is timed, so the first query of the run does
        // not pay for reading the bounds and the index into the cache for all the others.
        /// One search's first ten, in milliseconds.
        func time(_ engine: SearchEngine, _ query: String) throws -> Double {
            var request = SearchRequest(query: try SearchQuery.parse(query))
            request.limit = 10
            let start = clock.now
            _ = try engine.search(request)
            return seconds(clock.now - start) * 1000
        }
        for query in querySet {
            _ = try time(engine, query)
            _ = try time(exhaustive, query)
        }
        for _ in 0..<count {
            for query in querySet {
                ours.append(try time(engine, query))
                byQuery[query, default: ([], [], [])].ours.append(ours.last!)
                statements[query] = engine.lastPrunedStatements
            }
            for query in querySet {
                everyMatch.append(try time(exhaustive, query))
                byQuery[query, default: ([], [], [])].everyMatch.append(everyMatch.last!)
            }
            for query in querySet {
                let parsed = try SearchQuery.parse(query)
                if let expression = parsed.expression, parsed.filters.isEmpty {
                    let floorStart = clock.now
                    _ = try floorConnection.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 10", [.text(expression)])
                    floors.append(seconds(clock.now - floorStart) * 1000)
                    byQuery[query, default: ([], [], [])].floor.append(floors.last!)
                }
            }
        }
        // Per query, on stderr: which queries make the percentiles.
        for query in querySet {
            let times = byQuery[query] ?? ([], [], [])
            let floor = times.floor.isEmpty ? "-" : String(format: "%.1f", percentile(times.floor, 0.5))
            let name = query.padding(toLength: max(query.count, 36), withPad: " ", startingAt: 0)
            let pruned = statements[query].map { "pruned, \($0) statements" } ?? "every match scored"
            FileHandle.standardError.write(Data(String(format: "  %@ ours %6.1f ms  every match %6.1f ms  floor %@ ms  (%@)\n",
                                                       name, percentile(times.ours, 0.5), percentile(times.everyMatch, 0.5), floor, pruned).utf8))
        }
        reportPercentiles("search", ours)
        reportPercentiles("search_every_match", everyMatch)
        reportPercentiles("fts_floor", floors)
        // Over the queries the floor can run (no filters), so both sides answer the same ones.
        reportRatios("search_over_floor", querySet.flatMap { query in byQuery[query].map { $0.floor.isEmpty ? [] : $0.ours } ?? [] }, floors)
        for (kind, queries) in queriesByKind {
            let oursOfKind = queries.flatMap { byQuery[$0]?.ours ?? [] }
            reportPercentiles("search_\(kind)", oursOfKind)
            reportPercentiles("search_every_match_\(kind)", queries.flatMap { byQuery[$0]?.everyMatch ?? [] })
            // Filtered queries have no floor: bare FTS5 has no columns to filter on.
            let floorOfKind = queries.flatMap { byQuery[$0]?.floor ?? [] }
            guard !floorOfKind.isEmpty else { continue }
            reportPercentiles("fts_floor_\(kind)", floorOfKind)
            reportRatios("search_\(kind)_over_floor", oursOfKind, floorOfKind)
        }
    }

    /// Our percentiles over the floor's, each on its own: below 1 is faster than bare FTS5.
    static func reportRatios(_ prefix: String, _ ours: [Double], _ floor: [Double]) {
        for (name, p) in [("p50", 0.5), ("p95", 0.95), ("p99", 0.99)] {
            report("\(prefix)_\(name)", percentile(ours, p) / max(0.001, percentile(floor, p)), "x")
        }
    }

    /// The five facets of the results page the issue's bar times.
    static let pageFacets: [FacetKind] = [.source, .month, .person, .place, .agency]

    /// Queries matching about 1%, 10% and 50% of the corpus: a whole page (count, five facets,
    /// top 10 with snippets) our way, and the plain way (MATCH joined to the tables, GROUP BY per facet).
    static func facets(database: String, repeat count: Int, newsdb: String? = nil) throws {
        readIntoPageCache(database)
        let connection = try NewsDatabase.openReadOnly(path: database)
        let total = Double(try connection.scalar("SELECT count(*) FROM articles")?.int64Value ?? 1)
        let engine = Bench.engine(connection)
        let clock = ContinuousClock()
        for target in [0.01, 0.10, 0.50] {
            let query = try pickQuery(connection: connection, share: target, total: total)
            var request = SearchRequest(query: try SearchQuery.parse(query))
            request.facets = pageFacets
            // Each way in a loop of its own, as the search floor is: the plain way reads the whole
            // facets table, and run between two of ours it charged the next one the 61 MB of pages it
            // pushed out of the cache (43.6 ms against 25.6 at 1M), none of our search's doing.
            var ours: [Double] = []
            for _ in 0..<count {
                let start = clock.now
                _ = try engine.search(request)
                ours.append(seconds(clock.now - start) * 1000)
            }
            var plain: [Double] = []
            for _ in 0..<count {
                let start = clock.now
                try plainWay(connection: connection, expression: request.query.expression!)
                plain.append(seconds(clock.now - start) * 1000)
            }
            // The same page as `newsdb search --facet …` gives it, a process each time: a new page cache.
            let facetArguments = ["--facet", pageFacets.map(\.rawValue).joined(separator: ",")]
            var process: [Double] = []
            if let newsdb {
                for _ in 0..<count { process.append(try timeProcess(newsdb, database, query, extra: facetArguments)) }
            }
            let label = "\(Int(target * 100))pct"
            report("facets_\(label)_query", 0, query)
            report("facets_\(label)_ours_p50_ms", percentile(ours, 0.5), "ms")
            if !process.isEmpty { report("facets_\(label)_process_p50_ms", percentile(process, 0.5), "ms") }
            report("facets_\(label)_plain_p50_ms", percentile(plain, 0.5), "ms")
            report("facets_\(label)_speedup", percentile(plain, 0.5) / max(0.001, percentile(ours, 0.5)), "x")
        }
    }

    /// One query's whole page (count, five facets, top 10 with snippets), our way only: a loop to
    /// profile, with its median.
    static func page(database: String, query: String, repeat count: Int) throws {
        var request = SearchRequest(query: try SearchQuery.parse(query))
        request.facets = pageFacets
        try repeatSearch(request, database: database, count: count, name: "page")
    }

    /// One query's first ten, no facets, `count` times: its median, for profiling one query.
    static func query(database: String, query: String, repeat count: Int) throws {
        var request = SearchRequest(query: try SearchQuery.parse(query))
        request.limit = 10
        try repeatSearch(request, database: database, count: count, name: "query")
    }

    /// Runs one search `count` times on one engine and reports its matches and median time.
    static func repeatSearch(_ request: SearchRequest, database: String, count: Int, name: String) throws {
        let engine = Bench.engine(try NewsDatabase.openReadOnly(path: database))
        let clock = ContinuousClock()
        var times: [Double] = []
        var total = 0
        for _ in 0..<count {
            let start = clock.now
            total = try engine.search(request).total
            times.append(seconds(clock.now - start) * 1000)
        }
        report("\(name)_matches", Double(total), "articles")
        report("\(name)_pruned_statements", Double(engine.lastPrunedStatements ?? 0), "statements")
        report("\(name)_p50_ms", percentile(times, 0.5), "ms")
    }

    /// The word whose document frequency is nearest the wanted share of the corpus.
    static func pickQuery(connection: Connection, share: Double, total: Double) throws -> String {
        try connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, 'articles_fts', 'row')")
        let rows = try connection.query("SELECT term, doc FROM temp.bench_vocab WHERE length(term) > 3 AND term GLOB '[a-z]*' ORDER BY abs(doc - ?) LIMIT 1", [.real(share * total)])
        return rows.first?.string(0) ?? "said"
    }

    static func plainWay(connection: Connection, expression: String) throws {
        let match = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
        _ = try connection.scalar("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [.text(expression)])
        _ = try connection.query("""
            SELECT a.id, a.title, snippet(articles_fts, -1, '[', ']', '…', 24) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
            WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 2.0, 1.0) LIMIT 10
            """, [.text(expression)])
        for sql in [
            "SELECT s.name, count(*) FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.id IN (\(match)) GROUP BY s.name ORDER BY 2 DESC LIMIT 10",
            "SELECT substr(a.published, 1, 7), count(*) FROM articles a WHERE a.id IN (\(match)) GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
            "SELECT e.name, count(*) FROM article_entities ae JOIN entities e ON e.id = ae.entity_id WHERE e.type = 'person' AND ae.article_id IN (\(match)) GROUP BY e.name ORDER BY 2 DESC LIMIT 10",
            "SELECT e.name, count(*) FROM article_entities ae JOIN entities e ON e.id = ae.entity_id WHERE e.type = 'place' AND ae.article_id IN (\(match)) GROUP BY e.name ORDER BY 2 DESC LIMIT 10",
            "SELECT c.agency, count(*) FROM article_credits c WHERE c.article_id IN (\(match)) GROUP BY c.agency ORDER BY 2 DESC LIMIT 10",
        ] {
            _ = try connection.query(sql, [.text(expression)])
        }
    }

    // MARK: extract

    static func extract(jsonl: String) throws {
        var bodies: [[String]] = []
        let text = try String(contentsOfFile: jsonl, encoding: .utf8)
        for line in text.split(separator: "\n").prefix(20_000) {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] else { continue }
            // Native strings, as the page parser hands them to extraction (not bridged ones).
            bodies.append((object["text"] ?? "").components(separatedBy: "\n\n").map { String(decoding: Array($0.utf8), as: UTF8.self) })
        }
        let clock = ContinuousClock()
        let start = clock.now
        var entities = 0
        var quotes = 0
        for paragraphs in bodies {
            let found = Extraction.extract(from: paragraphs)
            entities += found.entities.count
            quotes += found.quotes.count
        }
        let elapsed = seconds(clock.now - start)
        report("extract_articles_per_second", Double(bodies.count) / elapsed, "articles/s")
        report("extract_entities", Double(entities), "entities")
        report("extract_quotes", Double(quotes), "quotes")
    }

    // MARK: parse

    /// The whole page parser (cleaning, header, entities, quotes) on one core, no database.
    static func parse(pages folder: String, limit: Int) throws {
        var names: [String] = []
        let walker = FileManager.default.enumerator(atPath: folder)
        while names.count < limit, let name = walker?.nextObject() as? String {
            if name.hasSuffix(".txt") { names.append(name) }
        }
        let texts = try names.map { try PageFile.read(path: folder + "/" + $0) }
        let clock = ContinuousClock()
        let start = clock.now
        var paragraphs = 0
        for (name, text) in zip(names, texts) {
            // As ingest does it: the page parsed, then mapped to an article with its entities and quotes.
            paragraphs += ArticleAssembly.article(from: PageParser.parse(text, origin: name)).paragraphs.count
        }
        let elapsed = seconds(clock.now - start)
        report("parse_pages_per_second", Double(texts.count) / elapsed, "pages/s")
        report("parse_ms_per_page", elapsed * 1000 / Double(texts.count), "ms")
        report("parse_paragraphs", Double(paragraphs), "paragraphs")
    }

    /// HTML extraction alone on one core: every `.html` or `.html.gz` page of `folder` read into memory
    /// first, then parsed `rounds` times (the DOM, the metadata, the container, the text rules).
    static func html(pages folder: String, rounds: Int) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".htm") || $0.hasSuffix(".html.gz") }.sorted()
        let pages = try names.map { try PageFile.readBytes(path: folder + "/" + $0) }
        guard !pages.isEmpty else { throw CocoaError(.fileNoSuchFile) }
        let clock = ContinuousClock()
        var roundSeconds: [Double] = []
        var paragraphs = 0
        for _ in 0..<max(1, rounds) {
            let start = clock.now
            for (name, bytes) in zip(names, pages) {
                paragraphs += HTMLPageParser.parse(bytes, origin: name).paragraphs.count
            }
            roundSeconds.append(seconds(clock.now - start))
        }
        let median = roundSeconds.sorted()[roundSeconds.count / 2]
        let kilobytes = Double(pages.reduce(0) { $0 + $1.count }) / Double(pages.count) / 1024
        report("html_pages", Double(pages.count), "pages")
        report("html_mean_page_kb", kilobytes, "KB")
        report("html_pages_per_second", Double(pages.count) / median, "pages/s")
        report("html_ms_per_page", median * 1000 / Double(pages.count), "ms")
        report("html_paragraphs", Double(paragraphs / max(1, rounds)), "paragraphs")
    }
}

extension Bench {
    /// Random queries of common words from the index's own vocabulary (single words, AND, OR, NOT,
    /// phrases, a column), each searched with pruned ranking and with every match scored: the
    /// totals and the pages (ids and scores, in order) must be equal. Prints the mismatches and
    /// the median time of each way.
    static func comparePruning(database: String, queries count: Int, seed: UInt64) throws {
        let connection = try NewsDatabase.openReadOnly(path: database)
        try connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, 'articles_fts', 'row')")
        let words = try connection.query("SELECT term FROM temp.bench_vocab WHERE doc >= 200 AND term GLOB '[a-z]*' ORDER BY doc DESC LIMIT 400")
            .compactMap { $0.string(0) }
        let sources = try connection.query("SELECT name FROM sources ORDER BY id LIMIT 20").compactMap { $0.string(0) }
        var generator = SplitMix(seed: seed)
        func word() -> String { words[Int(generator.next() % UInt64(words.count))] }
        func source() -> String { sources.isEmpty ? "none" : sources[Int(generator.next() % UInt64(sources.count))] }
        let lastID = try connection.scalar("SELECT max(id) FROM articles")?.int64Value ?? 0
        // Two neighbouring words of an article's lead, as a phrase: one that matches.
        func phrase() throws -> String {
            let id = 1 + Int64(generator.next() % UInt64(max(1, lastID)))
            let lead = try connection.scalar("SELECT lead FROM articles WHERE id >= ? ORDER BY id LIMIT 1", [.integer(id)]).flatMap { if case .text(let text) = $0 { text } else { nil } } ?? ""
            let words = lead.split { !$0.isLetter }.map { $0.lowercased() }
            guard words.count >= 2 else { return word() }
            let first = Int(generator.next() % UInt64(words.count - 1))
            return "\"\(words[first]) \(words[first + 1])\""
        }
        let pruned = SearchEngine(connection: connection)
        let exhaustive = SearchEngine(connection: connection)
        exhaustive.allowsPruning = false
        var mismatches = 0
        var fast: [Double] = []
        var slow: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<count {
            let query = switch generator.next() % 10 {
            case 0: word()
            case 1: "\(word()) \(word())"
            case 2: "\(word()) OR \(word())"
            case 3: "\(word()) -\(word())"
            case 4: "\"\(word()) \(word())\" OR \(word())"
            // Filtered: pruned from the blocks' bits where enough matches pass.
            case 5: "\(word()) from:20\(16 + generator.next() % 10)"
            case 6: "\(word()) -\(word()) source:\"\(source())\""
            case 7: "title:\(word()) \(word())"
            // One phrase, or a prefix: scored without the IDF, which goes in at the end.
            case 8: try phrase()
            default: "\(word().prefix(4))*"
            }
            var request = SearchRequest(query: try SearchQuery.parse(query))
            request.limit = 10
            request.offset = generator.next() % 4 == 0 ? 10 : 0
            var start = clock.now
            let a = try pruned.search(request)
            fast.append(seconds(clock.now - start) * 1000)
            let statements = pruned.lastPrunedStatements
            start = clock.now
            let b = try exhaustive.search(request)
            slow.append(seconds(clock.now - start) * 1000)
            if ProcessInfo.processInfo.environment["NEWSDB_BENCH_VERBOSE"] != nil {
                FileHandle.standardError.write(Data(String(format: "  %.1f ms pruned (%d statements), %.1f ms every match: %@ (%d)\n", fast.last!, statements ?? -1, slow.last!, query, a.total).utf8))
            }
            if a.total != b.total || a.hits.map(\.id) != b.hits.map(\.id) || a.hits.map(\.score) != b.hits.map(\.score) {
                mismatches += 1
                FileHandle.standardError.write(Data("mismatch: \(query) totals \(a.total) \(b.total)\n  \(a.hits.map(\.id))\n  \(b.hits.map(\.id))\n".utf8))
            }
        }
        report("compare_queries", Double(count), "queries")
        report("compare_mismatches", Double(mismatches), "queries")
        report("compare_pruned_p50_ms", percentile(fast, 0.5), "ms")
        report("compare_pruned_p99_ms", percentile(fast, 0.99), "ms")
        report("compare_exhaustive_p50_ms", percentile(slow, 0.5), "ms")
        report("compare_exhaustive_p99_ms", percentile(slow, 0.99), "ms")
    }
}
