import Foundation
import SomaLang
import SomaNeural

/// Per-epoch training progress, one for `net.learn` and the Stdlib `train`
/// (through `progress_bar`): a callback given as `progress:`, or a bar on
/// stderr when the host says stderr is a terminal.
///
///     epoch 12/50 [=====>              ] 24% 0:03 elapsed, ~0:09 left, loss 0.231
///
/// The bar redraws in place at most ten times a second (the last epoch is
/// always drawn) and ends with a newline. Pipes and notebooks get nothing.
final class ProgressBar {
    private enum Mode {
        case silent
        case callback(Value)
        case terminal(TerminalScreen)
    }

    private let mode: Mode
    private let context: Context
    private let started = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var last: Step?
    private var finished = false

    /// `progress`: absent or `true` for the bar, `false` or nil for nothing,
    /// a function to call as `progress(epoch, loss)` after each epoch.
    init(progress: Value?, context: Context) {
        self.context = context
        let screen = context.state(ProgressDisplay.self) { ProgressDisplay() }.screen
        switch progress {
        case nil, .bool(true)?:
            mode = screen.map { .terminal($0) } ?? .silent
        case .bool(false)?, .nil?:
            mode = .silent
        case let callback?:
            mode = .callback(callback)
        }
    }

    /// The bar `learn` shows, from its `progress:` keyword.
    convenience init(_ args: Arguments) {
        self.init(progress: args.keyword("progress"), context: args.context)
    }

    /// One epoch's numbers, as `learn` reports them and `bar.update` takes them.
    struct Step {
        var epoch: Int
        var epochs: Int
        var loss: Double
        var valLoss: Double?
    }

    /// Called by `learn` after each epoch.
    func report(_ r: EpochReport) throws {
        try update(Step(epoch: r.epoch, epochs: r.epochs, loss: r.loss, valLoss: r.valLoss))
    }

    /// Called after each epoch; an interrupt or a failing callback stops training.
    func update(_ r: Step) throws {
        try context.checkInterrupt()
        last = r
        switch mode {
        case .silent:
            break
        case .callback(let callback):
            _ = try context.call(callback, [Value(r.epoch), Value(r.loss)])
        case .terminal(let screen):
            let now = ContinuousClock.now
            if let lastDrawn, r.epoch < r.epochs, now - lastDrawn < .milliseconds(100) { return }
            lastDrawn = now
            draw(r, screen: screen, estimate: r.epoch < r.epochs)
        }
    }

    /// Ends the bar's line: the last epoch redrawn with the time it took.
    func finish() {
        guard !finished else { return }
        finished = true
        guard case .terminal(let screen) = mode, let last else { return }
        draw(last, screen: screen, estimate: false)
        context.state(ProgressDisplay.self) { ProgressDisplay() }.endLine(interrupted: context.isInterrupted)
    }

    private func draw(_ r: Step, screen: TerminalScreen, estimate: Bool) {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let line = ProgressBar.line(r, elapsed: seconds, estimate: estimate,
                                    columns: screen.size().columns, color: screen.color)
        context.state(ProgressDisplay.self) { ProgressDisplay() }.draw(line.text, width: line.width)
    }

    /// One state of the bar, at most `columns - 1` characters wide (`width`
    /// counts what shows, without the colour codes):
    /// `epoch 12/50 [=====>    ] 24% 0:03 elapsed, ~0:09 left, loss 0.231`.
    static func line(_ r: Step, elapsed: Double, estimate: Bool, columns: Int, color: Bool) -> (text: String, width: Int) {
        let total = max(r.epochs, 1), done = min(max(r.epoch, 0), total)
        let fraction = Double(done) / Double(total)
        var tail = " \(Int((fraction * 100).rounded(.down)))% \(clock(elapsed)) elapsed"
        if estimate, done > 0 { tail += ", ~\(clock(elapsed / Double(done) * Double(total - done))) left" }
        tail += ", loss \(String(format: "%.4g", r.loss))"
        if let val = r.valLoss { tail += ", val \(String(format: "%.4g", val))" }
        let head = "epoch \(r.epoch)/\(r.epochs)"
        let room = columns - 1 - head.count - tail.count - 3
        guard room >= 5 else {
            let short = String((head + tail).prefix(max(1, columns - 1)))
            return (short, short.count)
        }
        let width = min(30, room)
        let filled = Int((fraction * Double(width)).rounded(.down))
        var bar = String(repeating: "=", count: filled)
        if filled < width { bar += ">" + String(repeating: " ", count: width - filled - 1) }
        let shown = head.count + width + 3 + tail.count
        if color { bar = "\u{1B}[32m" + bar + "\u{1B}[0m" }
        return (head + " [" + bar + "]" + tail, shown)
    }

    /// Seconds as m:ss, or h:mm:ss from an hour on.
    static func clock(_ seconds: Double) -> String {
        let s = seconds.isFinite ? Int(min(max(seconds, 0), 359_999).rounded()) : 0
        if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}

/// Where progress bars draw in a session: the host's terminal (nil: nowhere)
/// and whether a bar's line is still open, so the end of a run can close it.
final class ProgressDisplay {
    var screen: TerminalScreen?
    private var lineOpen = false
    /// Characters the open line shows, so a shorter redraw blanks the rest
    /// with spaces (no escape codes: NO_COLOR output has none).
    private var shownWidth = 0

    /// Redraws the open line with `line`, `width` characters wide as shown.
    func draw(_ line: String, width: Int) {
        let blank = lineOpen ? max(0, shownWidth - width) : 0
        write("\r" + line + String(repeating: " ", count: blank))
        lineOpen = true
        shownWidth = width
    }

    /// Ends the open line, if there is one. After Ctrl-C the host ends it
    /// (the REPL moves past the echoed ^C), so nothing is written then.
    func endLine(interrupted: Bool) {
        guard lineOpen else { return }
        lineOpen = false
        if !interrupted { write("\n") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension Session {
    /// Where training draws its progress bar: a terminal on stderr, or nil
    /// for nothing (the default: notebooks, pipes).
    public func setProgressScreen(_ screen: TerminalScreen?) {
        context.state(ProgressDisplay.self) { ProgressDisplay() }.screen = screen
    }
}
