import Foundation

/// Settings for `Sequential.learn` / `Network.learn`.
public struct TrainingOptions {
    public var epochs: Int
    /// Samples per mini-batch; nil trains on the whole set at once.
    public var batchSize: Int?
    /// Weight decay applied to weights.
    public var decay: WeightDecay = .none
    /// Fraction of the samples held out (after a seeded shuffle) for validation.
    public var validation: Double = 0
    /// Stop after this many epochs without improvement of the validation loss
    /// (of the training loss without validation); the best epoch's weights
    /// are kept.
    public var patience: Int?
    /// Seed of the shuffles.
    public var seed: UInt64 = 0
    /// Whether to shuffle the training samples each epoch.
    public var shuffle = true

    public init(epochs: Int, batchSize: Int? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
    }
}

/// Per-epoch record of a training run.
public struct History: Equatable {
    /// Mean training loss of each epoch (over its batches).
    public var loss: [Double] = []
    /// Validation loss after each epoch (empty without validation).
    public var valLoss: [Double] = []
    /// Training accuracy after each epoch (empty when targets are not 0/1 classes).
    public var accuracy: [Double] = []
    /// Validation accuracy after each epoch.
    public var valAccuracy: [Double] = []
    /// The epoch whose weights early stopping kept (nil when that was the last one).
    public var bestEpoch: Int?
    public init() {}
}

/// Progress of a run, passed to the callback after each epoch.
public struct EpochReport {
    public var epoch: Int
    public var epochs: Int
    public var loss: Double
    public var valLoss: Double?
}

extension Sequential {
    /// Trains on rows of `x` with targets `t` by mini-batch backprop.
    ///
    /// - Parameters:
    ///   - optimizer: SGD, momentum or Adam.
    ///   - progress: called after each epoch (a terminal binding draws a bar).
    /// - Returns: the loss and accuracy history.
    /// - Throws: `NeuralError.shape` for mismatched data, `.diverged` with the
    ///   epoch in which the loss became NaN or infinite.
    public func learn(_ x: Batch, _ t: Batch, loss: Loss, optimizer: Optimizer, options: TrainingOptions,
                      progress: ((EpochReport) throws -> Void)? = nil) throws -> History {
        guard x.rows == t.rows else {
            throw NeuralError.shape("learn: \(x.rows) input rows but \(t.rows) target rows")
        }
        guard x.rows > 0 else { throw NeuralError.value("learn: no training samples") }
        let outWidth = try check(inputWidth: x.cols)
        guard outWidth == t.cols else {
            throw NeuralError.shape("learn: the network gives \(outWidth) outputs per sample but targets have \(t.cols)")
        }
        guard options.epochs >= 0, options.epochs <= 10_000_000 else {
            throw NeuralError.value("learn: epochs must be a non-negative integer")
        }
        guard options.validation >= 0, options.validation < 1 else {
            throw NeuralError.value("learn: validation must be a fraction in [0, 1), got \(options.validation)")
        }
        var rng = RandomSource(seed: options.seed)
        // Hold out validation rows from a seeded shuffle.
        var trainIdx = Array(0..<x.rows)
        var valIdx: [Int] = []
        if options.validation > 0 {
            let order = rng.permutation(x.rows)
            let nVal = min(x.rows - 1, max(1, Int((Double(x.rows) * options.validation).rounded())))
            valIdx = Array(order[0..<nVal])
            trainIdx = Array(order[nVal...])
        }
        let xVal = x.rows(valIdx), tVal = t.rows(valIdx)
        let n = trainIdx.count
        let batch = min(max(options.batchSize ?? n, 1), n)
        let classes = t.data.allSatisfy { $0 == 0 || $0 == 1 }

        var history = History()
        var xb = Batch(rows: 0, cols: x.cols), tb = Batch(rows: 0, cols: t.cols)
        var scratch = Batch(rows: 0, cols: 0)
        var best = (loss: Double.infinity, epoch: 0, weights: [[Double]]())
        var sinceBest = 0
        let params = parameters

        for epoch in 1...max(options.epochs, 1) where options.epochs > 0 {
            var order = trainIdx
            if options.shuffle {
                let p = rng.permutation(n)
                order = p.map { trainIdx[$0] }
            }
            var total = 0.0
            var correct = 0
            var start = 0
            while start < n {
                let end = min(start + batch, n)
                x.gather(order, start..<end, into: &xb)
                t.gather(order, start..<end, into: &tb)
                let (value, y) = try lossAndGradient(xb, tb, loss: loss, scratch: &scratch)
                guard value.isFinite else { throw NeuralError.diverged(epoch: epoch, what: "the training loss") }
                if classes { correct += correctCount(y, tb) }
                optimizer.step(params, decay: options.decay)
                total += value * Double(end - start)
                start = end
            }
            let epochLoss = total / Double(n)
            history.loss.append(epochLoss)
            if classes { history.accuracy.append(Double(correct) / Double(n)) }
            var monitored = epochLoss
            if !valIdx.isEmpty {
                let y = forward(xVal, training: false)
                let v = loss.unchecked(y.data, tVal.data, rows: y.rows)
                guard v.isFinite else { throw NeuralError.diverged(epoch: epoch, what: "the validation loss") }
                history.valLoss.append(v)
                if classes { history.valAccuracy.append(accuracy(y, tVal)) }
                monitored = v
            }
            try progress?(EpochReport(epoch: epoch, epochs: options.epochs, loss: epochLoss,
                                  valLoss: history.valLoss.last))
            if let patience = options.patience {
                if monitored < best.loss {
                    best = (monitored, epoch, params.map(\.value))
                    sinceBest = 0
                } else {
                    sinceBest += 1
                    if sinceBest >= patience { break }
                }
            }
        }
        // With early stopping the best epoch's weights are kept, whether the
        // run stopped early or used up its epochs.
        if options.patience != nil, best.epoch > 0, best.epoch < history.loss.count {
            for (p, w) in zip(params, best.weights) { p.value = w }
            history.bestEpoch = best.epoch
        }
        return history
    }

    /// Fraction of rows whose prediction matches the 0/1 target: argmax for
    /// several outputs, a 0.5 threshold for one.
    public func accuracy(_ y: Batch, _ t: Batch) -> Double {
        guard y.rows > 0 else { return 0 }
        return Double(correctCount(y, t)) / Double(y.rows)
    }
}

/// Number of rows whose prediction matches the 0/1 target (no allocation:
/// it runs once per training batch).
func correctCount(_ y: Batch, _ t: Batch) -> Int {
    let cols = y.cols
    var correct = 0
    y.data.withUnsafeBufferPointer { ys in
        t.data.withUnsafeBufferPointer { ts in
            for r in 0..<y.rows {
                let o = r * cols
                if cols == 1 {
                    if (ys[o] >= 0.5 ? 1.0 : 0.0) == ts[o] { correct += 1 }
                    continue
                }
                var by = 0, bt = 0
                for c in 1..<max(cols, 1) {
                    if ys[o + c] > ys[o + by] { by = c }
                    if ts[o + c] > ts[o + bt] { bt = c }
                }
                if by == bt { correct += 1 }
            }
        }
    }
    return correct
}
