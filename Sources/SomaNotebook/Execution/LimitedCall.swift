import Foundation
import Synchronization
import SomaLang

/// Runs one kernel call under a time limit.
///
/// The call runs on its own thread while the notebook's thread waits. At the
/// limit the kernel is interrupted; a cell stuck where interrupts are not
/// seen (a long native loop) is abandoned after a grace period, so a timeout
/// always ends the wait.
enum LimitedCall {
    enum Outcome {
        /// Finished within the limit.
        case finished(CellOutput)
        /// Stopped by the interrupt sent at the limit.
        case interrupted(CellOutput)
        /// Still running after the interrupt and the grace period; its thread is left behind.
        case abandoned
    }

    /// Longest limit honoured (a year): far past any real cell, and safe to turn into a deadline.
    static let longest = 31_536_000.0

    static func run(_ request: CellRequest, on kernel: CellKernel, limit: Double, grace: Double) -> Outcome {
        let result = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let worker = Thread {
            result.store(kernel.execute(request))
            done.signal()
        }
        // The kernel runs its code on a thread of its own choosing; this one only waits for it.
        worker.stackSize = 1 << 20
        worker.start()
        if done.wait(timeout: .now() + min(limit, longest)) == .success {
            return .finished(result.output)
        }
        kernel.interrupt()
        if done.wait(timeout: .now() + min(grace, longest)) == .success {
            return .interrupted(result.output)
        }
        return .abandoned
    }

    /// Hands the output from the worker thread to the waiting one.
    private final class ResultBox: Sendable {
        private let stored = Mutex(CellOutput())

        func store(_ output: CellOutput) {
            stored.withLock { $0 = output }
        }

        var output: CellOutput {
            stored.withLock { $0 }
        }
    }
}
