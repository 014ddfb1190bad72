/// Settings for `Sequential.learn` / `Network.learn`.
public struct TrainingOptions: Sendable {
    /// Most epochs a run may ask for.
    public static let maxEpochs = 10_000_000

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
    /// Seed of the hold-out split and the shuffles.
    public var seed: UInt64 = 0
    /// Whether to shuffle the training samples each epoch.
    public var shuffle = true
    /// Whether to use the layers' fused passes when all have one (false:
    /// every gradient from autodiff; the tests compare the two).
    public var fused = true

    public init(epochs: Int, batchSize: Int? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
    }

    /// - Throws: `NeuralError.value` naming the first setting out of range.
    public func validate() throws {
        guard epochs >= 0 else { throw NeuralError.value("epochs must be a non-negative integer, got \(epochs)") }
        guard epochs <= TrainingOptions.maxEpochs else {
            throw NeuralError.value("epochs must be at most \(TrainingOptions.maxEpochs), got \(epochs)")
        }
        if let batchSize, batchSize < 1 {
            throw NeuralError.value("batch must be at least 1, got \(batchSize)")
        }
        if let patience, patience < 0 {
            throw NeuralError.value("patience must be a non-negative integer, got \(patience)")
        }
        try decay.validate()
        guard validation >= 0, validation < 1 else {
            throw NeuralError.value("validation must be a fraction in [0, 1), got \(validation)")
        }
    }
}

/// Per-epoch record of a training run.
public struct History: Equatable, Sendable {
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
public struct EpochReport: Sendable {
    public var epoch: Int
    public var epochs: Int
    public var loss: Double
    public var valLoss: Double?
}
