import SomaLang

extension Library {
    /// `progress_bar`: the bar `net.learn` shows, for training loops written in
    /// Soma (the Stdlib `train`). A bar left open by an error is ended at the
    /// end of the run, so the error report starts on a line of its own.
    static var progress: LibrarySection {
        LibrarySection(name: "progress", builtins: [
            declaredBuiltin("progress_bar(epochs, progress: true)", doc: """
                A training progress bar for `epochs` epochs, the one net.learn shows: call
                `bar.update(epoch, loss, val_loss:)` after each epoch and `bar.finish()` at the end.
                On a terminal it redraws in place on stderr as
                `epoch 12/50 [=====>    ] 24% 0:03 elapsed, ~0:09 left, loss 0.231`; in notebooks
                and pipes it draws nothing. `progress: false` turns it off; a function is called
                as progress(epoch, loss) after each epoch instead.
                Example: bar = progress_bar(3, progress: false); bar.update(1, 0.5); bar.finish() == nil
                """) { args in
                let epochs = try args.args.int(0, "epochs")
                guard epochs >= 1 else { throw SomaError.value("progress_bar: epochs must be at least 1, got \(epochs)") }
                let bar = ProgressBar(progress: args.args.keyword("progress"), context: args.context)
                return ProgressBarType.type.value(ProgressBarBox(bar: bar, epochs: epochs))
            },
        ], atRunEnd: { context in
            context.state(ProgressDisplay.self) { ProgressDisplay() }.endLine(interrupted: context.isInterrupted)
        })
    }
}

/// A bar as Soma holds it: the bar and its number of epochs.
final class ProgressBarBox {
    let bar: ProgressBar
    let epochs: Int

    init(bar: ProgressBar, epochs: Int) {
        self.bar = bar
        self.epochs = epochs
    }
}

/// `progress_bar(...)` in Soma: `update` after each epoch, `finish` at the end.
enum ProgressBarType {
    static var type: ObjectType<ProgressBarBox> {
        ObjectType(
            name: "ProgressBar",
            summary: "training progress shown on a terminal: elapsed time and an estimate of the rest.",
            display: { "<ProgressBar \($0.epochs) epochs>" },
            fields: [.init("epochs", doc: "The number of epochs the bar counts to.", get: { Value($0.epochs) })],
            methods: [
                .init("update(epoch, loss, val_loss:)", doc: """
                    Shows that epoch `epoch` (1-based) ended with `loss` (and `val_loss`); stops
                    with error[interrupt] when Ctrl-C was pressed.
                    """) { box, args in
                    let epoch = try args.args.int(0, "epoch")
                    guard epoch >= 0, epoch <= box.epochs else {
                        throw SomaError.value("update: epoch must be between 0 and \(box.epochs), got \(epoch)")
                    }
                    let loss = try args.args.number(1, "loss")
                    try box.bar.update(.init(epoch: epoch, epochs: box.epochs, loss: loss,
                                             valLoss: try args.optionalNumber("val_loss")))
                    return .nil
                },
                .init("finish()", doc: "Ends the bar: the last epoch with the time it took, then a new line.") { box, _ in
                    box.bar.finish()
                    return .nil
                },
            ])
    }
}
