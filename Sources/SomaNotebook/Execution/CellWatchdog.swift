import Foundation

/// Interrupts a kernel when the running cell passes its time limit.
///
/// The interrupt is sent under the same lock that `disarm` takes, so once
/// `disarm` returns no late interrupt can hit the next cell.
final class CellWatchdog {
    private let lock = NSLock()
    private var generation = 0
    private var armed = false
    private var fired = false

    /// Starts timing a cell; after `seconds` the kernel is interrupted unless disarmed.
    func arm(seconds: Double, kernel: CellKernel) {
        lock.lock()
        generation += 1
        armed = true
        fired = false
        let current = generation
        lock.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [weak self, weak kernel] in
            guard let self else { return }
            self.lock.lock()
            defer { self.lock.unlock() }
            guard self.armed, self.generation == current else { return }
            self.fired = true
            kernel?.interrupt()
        }
    }

    /// Stops timing; returns whether the time limit was hit.
    func disarm() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        armed = false
        return fired
    }
}
