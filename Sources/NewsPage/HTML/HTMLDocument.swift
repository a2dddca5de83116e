import CLibXML2

/// A page's HTML parsed by libxml2's forgiving HTML parser: broken markup is repaired the way
/// browsers do, nothing is fetched from the network, and errors are not printed.
///
/// The document owns the libxml2 tree; nodes are read while it is alive, in the function that made it
/// and on its thread: the tree lives in that thread's `ParseArena` and is given back all at once.
final class HTMLDocument {
    private let document: htmlDocPtr

    /// libxml2 sets up its global tables once, before any thread parses.
    private static let initialised: Bool = {
        #if !FUZZING
        // Fuzzing builds keep libxml2 on malloc, so AddressSanitizer sees every node's lifetime.
        _ = ParseArena.installed
        #endif
        xmlInitParser()
        return true
    }()

    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
    )

    /// Parses `bytes`, already in `encoding` (an IANA name libxml2 knows); nil when libxml2 makes
    /// no document of them at all.
    init?(bytes: [UInt8], encoding: String) {
        _ = Self.initialised
        // Per thread in libxml2: set on the thread that parses.
        newsdb_xml_quiet()
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return nil }
        ParseArena.begin()
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                htmlReadMemory(start, Int32(buffer.count), nil, encoding, Self.options)
            }
        }
        guard let parsed else {
            ParseArena.end()
            return nil
        }
        document = parsed
    }

    deinit {
        // Nodes from the arena go back with it; only when some came from malloc is the tree walked.
        #if FUZZING
        xmlFreeDoc(document)
        #else
        if ParseArena.usedMalloc { xmlFreeDoc(document) }
        #endif
        ParseArena.end()
    }

    /// The `<html>` element.
    var root: HTMLNode? {
        xmlDocGetRootElement(document).map(HTMLNode.init)
    }
}

/// An element or text node of an `HTMLDocument`, valid while the document is.
struct HTMLNode {
    let pointer: xmlNodePtr

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The element's name, lower case as libxml2's HTML parser gives it ("p", "div").
    var name: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// True when the element's name is `tag` (lower case), compared without making a String.
    func named(_ tag: StaticString) -> Bool {
        guard let name = pointer.pointee.name else { return false }
        return xmlStrEqual(name, tag.utf8Start) == 1
    }

    /// The text of a text node.
    var text: String {
        pointer.pointee.content.map { String(cString: $0) } ?? ""
    }

    /// The bytes of a text node, without making a String.
    func withTextBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let content = pointer.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
    }

    /// An attribute's value, nil when the element has none.
    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { newsdb_xml_free(value) }
        return String(cString: value)
    }

    /// Calls `body` with each attribute's name and value bytes, read in place (no copy, no String):
    /// every element of a page is asked for its class, id, role and itemprop.
    func forEachAttribute(_ body: (_ name: UnsafePointer<xmlChar>, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        var attribute = pointer.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let name = current.pointee.name else { continue }
            // A plain attribute's value is one text node; entities make more, rare in class and id.
            if let text = current.pointee.children, text.pointee.next == nil, let content = text.pointee.content {
                body(name, UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
            } else if let value = xmlGetProp(pointer, name) {
                body(name, UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
                newsdb_xml_free(value)
            }
        }
    }

    var children: HTMLChildren { HTMLChildren(first: pointer.pointee.children) }

    /// All the text under the node, in document order, as UTF-8 bytes.
    var textContentBytes: [UInt8] {
        guard let content = xmlNodeGetContent(pointer) else { return [] }
        defer { newsdb_xml_free(content) }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
    }

    /// All the text under the node, in document order.
    var textContent: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { newsdb_xml_free(content) }
        return String(cString: content)
    }
}

/// The children of a node, first to last.
struct HTMLChildren: Sequence, IteratorProtocol {
    private var upcoming: xmlNodePtr?

    init(first: xmlNodePtr?) {
        upcoming = first
    }

    mutating func next() -> HTMLNode? {
        guard let current = upcoming else { return nil }
        upcoming = current.pointee.next
        return HTMLNode(pointer: current)
    }
}
