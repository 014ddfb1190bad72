import SomaCore

/// Early stopping: remembers the parameters of the epoch with the lowest
/// monitored loss and asks to stop after `patience` epochs without a new
/// best.
public struct EarlyStopping {
    public let patience: Int
    public private(set) var bestLoss = Double.infinity
    public private(set) var bestEpoch = 0
    private var bestValues: [Tensor] = []
    private var sinceBest = 0

    public init(patience: Int) { self.patience = patience }

    /// Records epoch `epoch`'s monitored loss; returns true when the run should stop.
    public mutating func observe(_ loss: Double, epoch: Int, parameters: [Parameter]) -> Bool {
        if loss < bestLoss {
            bestLoss = loss
            bestEpoch = epoch
            bestValues = parameters.map(\.value)
            sinceBest = 0
            return false
        }
        sinceBest += 1
        return sinceBest >= patience
    }

    /// Puts the best epoch's values back when a later epoch was the last
    /// one run; returns that epoch (nil when the last epoch was the best).
    public func restore(_ parameters: [Parameter], epochsRun: Int) -> Int? {
        guard bestEpoch > 0, bestEpoch < epochsRun else { return nil }
        for (p, w) in zip(parameters, bestValues) { p.value = w }
        return bestEpoch
    }
}
