/// Allocator settings for a process that makes many large, short-lived tensors.
///
/// glibc hands out blocks above its mmap threshold (128 KiB, rising adaptively)
/// as fresh pages and gives freed heap tops back to the kernel, so a training
/// loop over megabyte-sized tensors spends much of its time in page faults and
/// page clearing (measured: half the CPU time of a CNN epoch on 28 x 28 images
/// was kernel time). Serving blocks up to 32 MiB (glibc's largest threshold)
/// from the heap and keeping up to 256 MiB of freed memory for reuse removes it.
enum Allocator {
    static func keepLargeBlocks() {
        #if os(Linux)
        // <malloc.h>: M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3 (not in Swift's Glibc module).
        _ = glibcMallopt(-3, 32 << 20)
        _ = glibcMallopt(-1, 256 << 20)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
