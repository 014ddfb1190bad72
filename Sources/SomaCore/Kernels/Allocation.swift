#if canImport(Glibc)
import Glibc
#endif

/// A new element buffer of `count` doubles, filled by `fill`.
///
/// Large results are fresh memory from the kernel, and touching it page by
/// page costs a fault per 4 KB (about a quarter of the time of a cheap op on
/// a million elements). Asking for transparent huge pages first, as numpy
/// does, makes that one fault per 2 MB.
@inline(__always)
func freshBuffer<T>(_ count: Int, _ fill: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
    [T](unsafeUninitializedCapacity: count) { out, initialized in
        adviseHugePages(out)
        fill(out)
        initialized = count
    }
}

/// Marks the 2 MB blocks a large buffer touches for huge pages (Linux; a
/// hint only). The blocks at the ends may hold neighbouring allocations or
/// lie past the mapped heap: the hint does not change their contents, and
/// the kernel skips what is not mapped.
func adviseHugePages<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
    #if os(Linux)
    let huge = 2 << 20
    guard buffer.count * MemoryLayout<T>.stride >= 2 * huge, let base = buffer.baseAddress else { return }
    let start = Int(bitPattern: base) & ~(huge - 1)
    let end = (Int(bitPattern: base + buffer.count) + huge - 1) & ~(huge - 1)
    guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(p, end - start, MADV_HUGEPAGE)
    #endif
}
