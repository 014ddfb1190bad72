import Synchronization

/// A flag another thread sets to stop running code (Ctrl-C, a cell timeout).
final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool { flag.load(ordering: .relaxed) }

    func set() { flag.store(true, ordering: .relaxed) }

    func clear() { flag.store(false, ordering: .relaxed) }
}
