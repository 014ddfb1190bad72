import Foundation
import SomaLang
import SomaNeural

/// Per-epoch progress: a callback given as `progress:`, or a bar on stderr
/// when stderr is a terminal.
final class ProgressBar {
    let callback: Value?
    let context: Context
    let terminal: Bool
    var drawn = false

    init(_ args: Arguments) {
        context = args.context
        let given = args.keyword("progress")
        if case .bool(let on)? = given {
            callback = nil
            terminal = on && isatty(2) != 0
        } else {
            callback = given.flatMap { $0.isNil ? nil : $0 }
            terminal = given == nil && isatty(2) != 0
        }
    }

    /// Called after each epoch; an interrupt or a failing callback stops training.
    func report(_ r: EpochReport) throws {
        try context.checkInterrupt()
        if let callback {
            _ = try context.call(callback, [Value(r.epoch), Value(r.loss)])
        } else if terminal {
            let width = 30
            let filled = r.epochs > 0 ? width * r.epoch / r.epochs : width
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let val = r.valLoss.map { String(format: " val %.4g", $0) } ?? ""
            FileHandle.standardError.write("\r[\(bar)] \(r.epoch)/\(r.epochs) loss \(String(format: "%.4g", r.loss))\(val)"
                .data(using: .utf8) ?? Data())
            drawn = true
        }
    }

    /// Ends the bar's line.
    func finish() {
        if drawn { FileHandle.standardError.write("\n".data(using: .utf8) ?? Data()) }
    }
}
