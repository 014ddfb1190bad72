import Synchronization

/// A flag another thread sets to stop running code (Ctrl-C, a cell timeout).
final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool { flag.load(ordering: .relaxed) }

    func set() { flag.store(true, ordering: .relaxed) }

    func clear() { flag.store(false, ordering: .relaxed) }
}

/// Stops the code an interpreter runs, from any thread: what a host hands to
/// the thread that watches for Ctrl-C or a time limit, so that thread needs
/// no access to the interpreter itself.
public struct Interrupter: Sendable {
    let flag: InterruptFlag

    /// Asks the running code to stop soon with `error[interrupt]`.
    public func interrupt() { flag.set() }
}

extension Interpreter {
    /// This interpreter's interrupter.
    public var interrupter: Interrupter { Interrupter(flag: interruptFlag) }
}
