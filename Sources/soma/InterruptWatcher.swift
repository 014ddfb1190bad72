import CInterrupt
import Foundation
import SomaLang
import Synchronization

/// Watches the process's SIGINT latch on a thread of its own while code runs
/// on the caller's, passing each Ctrl-C on to the running code.
///
///     let watcher = InterruptWatcher(session.interrupter)
///     let result = session.run(source)
///     let interrupted = watcher.stop()
final class InterruptWatcher: Sendable {
    private let watching = Atomic<Bool>(true)
    private let interrupted = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts watching; Ctrl-C presses before this call are not counted.
    init(_ interrupter: Interrupter) {
        _ = soma_take_sigints()
        let thread = Thread { [self] in
            while watching.load(ordering: .acquiring) {
                if soma_take_sigints() > 0 {
                    interrupted.store(true, ordering: .releasing)
                    interrupter.interrupt()
                }
                usleep(20_000)
            }
            finished.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Stops watching and waits for the watcher; true when Ctrl-C was pressed.
    func stop() -> Bool {
        watching.store(false, ordering: .releasing)
        finished.wait()
        return interrupted.load(ordering: .acquiring)
    }
}
