import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one budget for the memory Soma may take: large allocations (tensors,
/// lists, strings, images, displays) are checked against it first, so that
/// running out is `error[limit]` instead of an abort or the system's
/// out-of-memory killer.
///
/// Memory belongs to the process, so the budget is process state, like the
/// SIGINT latch: set once at start (`soma --max-memory`), read everywhere.
/// It bounds what the process holds (resident memory) plus the request.
public enum MemoryBudget {
    /// Requests below this many bytes are not checked (the check reads the
    /// process's resident size, which is cheap but not free).
    public static let checkedFrom = 16 << 20

    /// Half of physical memory (4 GB when it cannot be read).
    public static let defaultBytes: Int = {
        #if os(Linux)
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0, size > 0 { return pages.multipliedReportingOverflow(by: size).partialValue / 2 }
        #endif
        return 4 << 30
    }()

    private static let limit = Atomic<Int>(defaultBytes)

    /// The budget in bytes.
    public static var bytes: Int { limit.load(ordering: .relaxed) }

    /// Sets the budget (at least 64 MB: Soma itself needs some).
    public static func set(bytes: Int) {
        limit.store(Swift.max(bytes, 64 << 20), ordering: .relaxed)
    }

    /// Throws `TensorError.limit` unless `bytes` more fit the budget.
    ///
    /// - Parameter what: names the allocation in the message ("a tensor of shape [3, 4]").
    public static func check(bytes request: Int, _ what: @autoclosure () -> String) throws {
        guard request >= checkedFrom else { return }
        let budget = bytes
        let (total, overflow) = residentBytes().addingReportingOverflow(request)
        guard overflow || total > budget else { return }
        throw TensorError.limit("\(what()) needs \(megabytes(request)) MB; with the \(megabytes(residentBytes())) MB in use that exceeds the memory budget of \(megabytes(budget)) MB (set it with soma --max-memory)")
    }

    /// Throws unless `count` elements of `elementBytes` bytes each fit the budget.
    public static func check(count: Int, elementBytes: Int = 8, _ what: @autoclosure () -> String) throws {
        let (request, overflow) = Swift.max(count, 0).multipliedReportingOverflow(by: elementBytes)
        try check(bytes: overflow ? Int.max : request, what())
    }

    private static func megabytes(_ bytes: Int) -> Int { bytes / (1 << 20) }

    /// The process's resident memory in bytes (0 when it cannot be read).
    static func residentBytes() -> Int {
        #if os(Linux)
        // /proc/self/statm: size resident shared ... in pages.
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 127) }
        guard n > 0 else { return 0 }
        let fields = buffer[0..<n].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages.multipliedReportingOverflow(by: Int(sysconf(Int32(_SC_PAGESIZE)))).partialValue
        #else
        return 0
        #endif
    }
}
