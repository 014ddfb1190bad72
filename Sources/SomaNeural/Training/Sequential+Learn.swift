import SomaCore

extension Sequential {
    /// Trains on rows of `x` with targets `t` by mini-batch gradient descent:
    /// a hold-out split, then epochs (`runEpoch`) with early stopping.
    ///
    /// The model computes in its parameters' dtype (`computeDType`), as a
    /// PyTorch or Keras model does: float32 input to a float64 model trains
    /// in float64, float64 input to a float32 model in float32. The rows of
    /// each batch are converted as they are gathered (the gather copies them
    /// anyway), so `x` is never converted or copied as a whole.
    ///
    /// - Parameters:
    ///   - optimizer: SGD, momentum or Adam.
    ///   - progress: called after each epoch (a terminal binding draws a bar).
    /// - Returns: the loss and accuracy history.
    /// - Throws: `NeuralError.shape` for mismatched data, `.value` for bad
    ///   options, `.diverged` with the epoch in which the loss became NaN or
    ///   infinite.
    public func learn(_ x: Tensor, _ t: Tensor, loss: Loss, optimizer: Optimizer, options: TrainingOptions,
                      progress: ((EpochReport) throws -> Void)? = nil) throws -> History {
        try options.validate()
        let x = try sampleRows(x, vectorIsOneSample: false), t = try sampleRows(t, vectorIsOneSample: false)
        guard x.shape[0] == t.shape[0] else {
            throw NeuralError.shape("\(x.shape[0]) input rows but \(t.shape[0]) target rows")
        }
        guard x.shape[0] > 0 else { throw NeuralError.value("no training samples") }
        let outWidth = try check(inputWidth: x.shape[1])
        guard outWidth == t.shape[1] else {
            throw NeuralError.shape("the network gives \(outWidth) outputs per sample but targets have \(t.shape[1])")
        }
        var rng = RandomGenerator(seed: options.seed)
        let split = try HoldOut(rows: x.shape[0], fraction: options.validation, rng: &rng)
        let dtype = computeDType(for: x)
        let xVal = x.rows(split.validation, as: dtype), tVal = t.rows(split.validation, as: dtype)
        let classes = t.data.allSatisfy { $0 == 0 || $0 == 1 }
        var stopping = options.patience.map { EarlyStopping(patience: $0) }
        var history = History()
        let params = parameters

        for epoch in 1...max(options.epochs, 1) where options.epochs > 0 {
            var order = split.train
            if options.shuffle {
                order = try rng.permutation(order.count).data.map { split.train[Int($0)] }
            }
            let (epochLoss, correct) = try runEpoch(x, t, order: order, dtype: dtype, loss: loss, optimizer: optimizer,
                                                    options: options, classes: classes, epoch: epoch)
            history.loss.append(epochLoss)
            if classes { history.accuracy.append(Double(correct) / Double(order.count)) }
            var monitored = epochLoss
            if !split.validation.isEmpty {
                let y = try forward(xVal, params.map(\.tensor), training: false)
                let v = try loss.value(y, tVal)
                guard v.isFinite else { throw NeuralError.diverged(epoch: epoch, what: "the validation loss") }
                history.valLoss.append(v)
                if classes { history.valAccuracy.append(accuracy(y, tVal)) }
                monitored = v
            }
            try progress?(EpochReport(epoch: epoch, epochs: options.epochs, loss: epochLoss,
                                      valLoss: history.valLoss.last))
            if stopping?.observe(monitored, epoch: epoch, parameters: params) == true { break }
        }
        // With early stopping the best epoch's weights are kept, whether the
        // run stopped early or used up its epochs.
        history.bestEpoch = stopping?.restore(params, epochsRun: history.loss.count)
        return history
    }

    /// One pass over the rows listed in `order`, in mini-batches of `dtype`:
    /// returns the mean loss and the number of correctly classified rows.
    func runEpoch(_ x: Tensor, _ t: Tensor, order: [Int], dtype: DType, loss: Loss, optimizer: Optimizer,
                  options: TrainingOptions, classes: Bool, epoch: Int) throws -> (loss: Double, correct: Int) {
        let n = order.count
        let batch = min(options.batchSize ?? n, n)
        let fused = options.fused ? fusedLayers : nil
        let params = parameters
        var xb = Tensor(repeating: 0, shape: [0, x.shape[1]], dtype: dtype)
        var tb = Tensor(repeating: 0, shape: [0, t.shape[1]], dtype: dtype)
        var total = 0.0, correct = 0, start = 0
        while start < n {
            let end = min(start + batch, n)
            x.gatherRows(order[start..<end], as: dtype, into: &xb)
            t.gatherRows(order[start..<end], as: dtype, into: &tb)
            let (value, y) = try fused.map { try fusedLossAndGradient($0, xb, tb, loss: loss) }
                ?? lossAndGradient(xb, tb, loss: loss)
            guard value.isFinite else { throw NeuralError.diverged(epoch: epoch, what: "the training loss") }
            if classes { correct += correctCount(y, tb) }
            optimizer.step(params, decay: options.decay)
            total += value * Double(end - start)
            start = end
        }
        return (total / Double(n), correct)
    }

    /// Fraction of rows whose prediction matches the 0/1 target: argmax for
    /// several outputs, a 0.5 threshold for one.
    public func accuracy(_ y: Tensor, _ t: Tensor) -> Double {
        let rows = y.shape.first ?? 0
        guard rows > 0 else { return 0 }
        return Double(correctCount(y, t)) / Double(rows)
    }
}

/// Number of rows whose prediction matches the 0/1 target: SomaCore's
/// argmax of each row for several outputs, a 0.5 threshold for one.
func correctCount(_ y: Tensor, _ t: Tensor) -> Int {
    guard y.rank == 2, y.shape == t.shape, y.shape[0] > 0, y.shape[1] > 0 else { return 0 }
    if y.shape[1] == 1 {
        return zip(y.data, t.data).filter { ($0 >= 0.5 ? 1.0 : 0.0) == $1 }.count
    }
    guard let a = try? y.argmax(axis: 1), let b = try? t.argmax(axis: 1) else { return 0 }
    return zip(a.data, b.data).filter { $0 == $1 }.count
}

extension Tensor {
    /// The rows listed in `indices` (first axis), as `dtype`.
    func rows(_ indices: [Int], as dtype: DType) -> Tensor {
        var out = Tensor(repeating: 0, shape: [0] + shape.dropFirst(), dtype: dtype)
        gatherRows(indices[...], as: dtype, into: &out)
        return out
    }

    /// The rows listed in `indices` (first axis).
    func rows(_ indices: [Int]) throws -> Tensor { rows(indices, as: dtype) }
}
