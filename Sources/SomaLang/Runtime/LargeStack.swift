#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Native stack for running Soma code: deep (but bounded) recursion must
/// end in `error[limit]`, never in a stack overflow.
///
/// Releasing a nested value recurses once per level (about 130 bytes of
/// stack per list level, 350 per closure): 1 GB lets values of several
/// million levels go, more than the memory they take usually allows. Only
/// the pages actually used are ever touched.
let largeStackBytes = 1 << 30

private final class ThreadWork {
    let work: () -> Void
    init(_ work: @escaping () -> Void) { self.work = work }
}

/// The address of a local of the caller's frame: where the native stack is now.
@inline(never)
func currentStackAddress() -> UInt {
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
}

/// Runs `work` on a new thread with a 256 MB stack and waits for it; runs
/// it in place if the thread cannot be made.
func runOnLargeStack(_ work: @escaping () -> Void) {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, largeStackBytes)
    let box = Unmanaged.passRetained(ThreadWork(work)).toOpaque()
    #if canImport(Glibc)
    var thread = pthread_t()
    #else
    var thread: pthread_t?
    #endif
    let status = pthread_create(&thread, &attributes, { raw in
        guard let raw else { return nil }
        Unmanaged<ThreadWork>.fromOpaque(raw).takeRetainedValue().work()
        return nil
    }, box)
    guard status == 0 else {
        Unmanaged<ThreadWork>.fromOpaque(box).takeRetainedValue().work()
        return
    }
    #if canImport(Glibc)
    pthread_join(thread, nil)
    #else
    if let thread { pthread_join(thread, nil) }
    #endif
}
