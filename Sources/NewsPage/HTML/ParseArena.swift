import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory for libxml2 while a page is parsed and read: handed out from large blocks kept per thread,
/// and given back all at once when the page's document is done with, instead of thousands of
/// `malloc`s and `free`s a page (a node, its name, each attribute and text). On news pages that
/// bookkeeping was a fifth of the parse.
///
/// libxml2 allows one allocator for the process (`xmlMemSetup`); this one serves a thread from its
/// arena only between `begin()` and `end()` on that thread, and is plain `malloc` otherwise. A
/// pointer is told apart by its address (inside one of the thread's blocks or not), so memory
/// libxml2 took from `malloc` at other times is still given back to `malloc`.
enum ParseArena {
    /// Installs the allocator; libxml2 asks for it before it allocates anything.
    static let installed: Bool = {
        xmlMemSetup(
            { pointer in ParseArena.release(pointer) },
            { size in ParseArena.allocate(size) },
            { pointer, size in ParseArena.reallocate(pointer, size) },
            { string in ParseArena.duplicate(string) }
        )
        return true
    }()

    /// Starts (or nests) the calling thread's use of its arena.
    static func begin() {
        state().pointee.depth += 1
    }

    /// Ends one `begin()`. When the outermost ends, everything handed out since is given back: no
    /// pointer into the arena may outlive this (libxml2's last-error copy is cleared first).
    static func end() {
        let arena = state()
        arena.pointee.depth -= 1
        guard arena.pointee.depth == 0 else { return }
        xmlResetLastError()
        arena.pointee.rewind()
    }

    /// The bytes handed out from the calling thread's blocks (for tests and the benchmark).
    static var reservedBytes: Int {
        state().pointee.reservedBytes
    }

    // MARK: - The allocator libxml2 calls

    /// True when some memory handed to libxml2 since the outermost `begin()` came from malloc after
    /// all (the thread's blocks ran out): a document must then be freed node by node.
    static var usedMalloc: Bool {
        state().pointee.mallocCount > 0
    }

    fileprivate static func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let arena = state()
        guard arena.pointee.depth > 0 else { return malloc(size) }
        if let served = arena.pointee.allocate(size) { return served }
        arena.pointee.mallocCount += 1
        return malloc(size)
    }

    fileprivate static func release(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        // Arena memory is given back at `end()`; anything else came from malloc.
        if !state().pointee.holds(pointer) { free(pointer) }
    }

    fileprivate static func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size) }
        let arena = state()
        guard arena.pointee.holds(pointer) else { return realloc(pointer, size) }
        if let grown = arena.pointee.growInPlace(pointer, to: size) { return grown }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: pointer, byteCount: min(ArenaState.size(of: pointer), size))
        return moved
    }

    fileprivate static func duplicate(_ string: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
        guard let string else { return nil }
        let count = strlen(string) + 1
        guard let copy = allocate(count) else { return nil }
        copy.copyMemory(from: string, byteCount: count)
        return copy.assumingMemoryBound(to: CChar.self)
    }

    // MARK: - Per-thread state

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { state in
            guard let state else { return }
            let arena = state.assumingMemoryBound(to: ArenaState.self)
            arena.pointee.releaseBlocks(keeping: 0)
            arena.pointee.blocks.deallocate()
            arena.deinitialize(count: 1)
            arena.deallocate()
        }
        return key
    }()

    private static func state() -> UnsafeMutablePointer<ArenaState> {
        if let existing = pthread_getspecific(key) {
            return existing.assumingMemoryBound(to: ArenaState.self)
        }
        let created = UnsafeMutablePointer<ArenaState>.allocate(capacity: 1)
        created.initialize(to: ArenaState())
        pthread_setspecific(key, created)
        return created
    }
}

/// One thread's blocks: allocations are 16-byte aligned, each after a 16-byte header holding its
/// size (for realloc). Blocks double in size from 1 MB; after a page they are kept for the next one
/// up to `keptBytes`, the rest given back.
private struct ArenaState {
    static let headerBytes = 16
    static let firstBlockBytes = 1 << 20
    static let keptBytes = 32 << 20
    static let maximumBlocks = 40

    struct Block {
        var base: UnsafeMutableRawPointer
        var size: Int
    }

    var depth = 0
    var mallocCount = 0
    var blocks = UnsafeMutablePointer<Block>.allocate(capacity: maximumBlocks)
    var blockCount = 0
    var current = 0
    var offset = 0

    var reservedBytes: Int {
        (0..<blockCount).reduce(0) { $0 + blocks[$1].size }
    }

    static func size(of pointer: UnsafeMutableRawPointer) -> Int {
        (pointer - headerBytes).load(as: Int.self)
    }

    func holds(_ pointer: UnsafeMutableRawPointer) -> Bool {
        for index in 0..<blockCount {
            let block = blocks[index]
            if pointer >= block.base && pointer < block.base + block.size { return true }
        }
        return false
    }

    mutating func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let needed = (size &+ Self.headerBytes &+ 15) & ~15
        if current < blockCount, offset &+ needed <= blocks[current].size {
            let start = blocks[current].base + offset
            offset &+= needed
            start.storeBytes(of: size, as: Int.self)
            return start + Self.headerBytes
        }
        return allocateInNextBlock(size, needed: needed)
    }

    private mutating func allocateInNextBlock(_ size: Int, needed: Int) -> UnsafeMutableRawPointer? {
        while current + 1 < blockCount {
            current += 1
            offset = 0
            if needed <= blocks[current].size { return allocate(size) }
        }
        guard addBlock(atLeast: needed) else { return nil }
        return allocate(size)
    }

    /// The last allocation of the current block grows where it is when the block has room.
    mutating func growInPlace(_ pointer: UnsafeMutableRawPointer, to size: Int) -> UnsafeMutableRawPointer? {
        let start = pointer - Self.headerBytes
        let oldSize = start.load(as: Int.self)
        if size <= oldSize { return pointer }
        guard current < blockCount else { return nil }
        let block = blocks[current]
        let oldEnd = start + ((oldSize + Self.headerBytes + 15) & ~15)
        let newNeeded = (size + Self.headerBytes + 15) & ~15
        guard oldEnd == block.base + offset, start - block.base + newNeeded <= block.size else { return nil }
        offset = start - block.base + newNeeded
        start.storeBytes(of: size, as: Int.self)
        return pointer
    }

    mutating func rewind() {
        mallocCount = 0
        current = 0
        offset = 0
        var kept = 0
        var keep = 0
        while keep < blockCount, kept + blocks[keep].size <= Self.keptBytes {
            kept += blocks[keep].size
            keep += 1
        }
        releaseBlocks(keeping: keep)
    }

    mutating func releaseBlocks(keeping count: Int) {
        for index in count..<max(count, blockCount) { free(blocks[index].base) }
        blockCount = min(blockCount, count)
    }

    private mutating func addBlock(atLeast needed: Int) -> Bool {
        guard blockCount < Self.maximumBlocks else { return false }
        let doubled = blockCount == 0 ? Self.firstBlockBytes : blocks[blockCount - 1].size * 2
        let size = max(needed, min(doubled, 64 << 20))
        guard let base = malloc(size) else { return false }
        blocks[blockCount] = Block(base: base, size: size)
        blockCount += 1
        current = blockCount - 1
        offset = 0
        return true
    }
}
