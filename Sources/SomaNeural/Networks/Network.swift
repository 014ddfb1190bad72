import SomaCore

/// A fully connected network in the style of the course: layer sizes, a
/// hidden activation, an output activation and a loss.
///
///     let net = try Network(sizes: [2, 3, 1], activation: .logistic, output: .logistic, loss: .mse)
///     let history = try net.learn(x, t, epochs: 2000, learningRate: 1)
///     let y = try net.predict(x)
public final class Network {
    /// The connections between consecutive layers (what `net.layers[i]` means
    /// in Soma): `layers[i].W` has shape sizes[i] x sizes[i+1].
    public let layers: [Dense]
    public let sizes: [Int]
    public let activation: Activation
    public let output: Activation
    public let loss: Loss
    /// The full layer stack, with activations and (inactive) dropout layers.
    public let model: Sequential
    private let dropouts: [Dropout]

    /// Largest number of weights a network may have (400 MB of Float64).
    public static let maxWeights = 50_000_000
    /// Largest size of one layer.
    public static let maxLayerSize = 1_000_000

    /// `precision: .single` holds every weight and bias as a float32 tensor,
    /// so training, gradients and updates run in Float32.
    ///
    /// - Throws: `NeuralError.value` for fewer than two sizes, a size < 1, or
    ///   more than `maxWeights` weights.
    public init(sizes: [Int], activation: Activation = .logistic, output: Activation = .logistic,
                loss: Loss = .mse, seed: UInt64 = 0, precision: Precision = .double) throws {
        guard sizes.count >= 2 else { throw NeuralError.value("Network needs at least two layer sizes, got \(sizes)") }
        guard sizes.allSatisfy({ $0 >= 1 && $0 <= Network.maxLayerSize }) else {
            throw NeuralError.value("Network layer sizes must be positive integers up to \(Network.maxLayerSize), got \(sizes)")
        }
        var weights = 0
        for i in 0..<(sizes.count - 1) {
            // Sizes are at most 10⁶, so each product fits; stop before the sum could overflow.
            weights += sizes[i] * sizes[i + 1]
            guard weights <= Network.maxWeights else {
                throw NeuralError.value("Network \(sizes.prefix(8))… would have over \(Network.maxWeights) weights")
            }
        }
        self.sizes = sizes
        self.activation = activation
        self.output = output
        self.loss = loss
        var dense: [Dense] = []
        var drops: [Dropout] = []
        var stack: [Layer] = []
        for i in 0..<(sizes.count - 1) {
            let last = i == sizes.count - 2
            let act = last ? output : activation
            let d = Dense(inputs: sizes[i], outputs: sizes[i + 1], initializer: .suited(to: act),
                          seed: seed &+ UInt64(i) &* 7919, precision: precision)
            dense.append(d)
            stack.append(d)
            stack.append(ActivationLayer(act))
            if !last {
                let drop = try Dropout(rate: 0, seed: seed &+ 104_729 &+ UInt64(i))
                drops.append(drop)
                stack.append(drop)
            }
        }
        layers = dense
        dropouts = drops
        model = try Sequential(stack)
    }

    /// Outputs for a tensor of samples (a 1-d tensor is one sample);
    /// differentiable in `x`.
    public func predict(_ x: Tensor) throws -> Tensor { try model.predict(x) }

    /// Trains with SGD (or momentum, or a given optimizer); `dropout` applies
    /// to hidden layers during this call only. Training runs in the
    /// parameters' dtype (`precision`); input of the other dtype is converted
    /// batch by batch as the rows are gathered (see `Sequential.learn`).
    public func learn(_ x: Tensor, _ t: Tensor, epochs: Int, learningRate: Double, batchSize: Int? = nil,
                      momentum: Double = 0, decay: WeightDecay = .none, dropout: Double = 0,
                      validation: Double = 0, patience: Int? = nil, seed: UInt64 = 0, shuffle: Bool = true,
                      fused: Bool = true, optimizer: Optimizer? = nil,
                      progress: ((EpochReport) throws -> Void)? = nil) throws -> History {
        guard dropout >= 0, dropout < 1 else { throw NeuralError.value("dropout must be in [0, 1), got \(dropout)") }
        var options = TrainingOptions(epochs: epochs, batchSize: batchSize)
        options.decay = decay
        options.validation = validation
        options.patience = patience
        options.seed = seed
        options.shuffle = shuffle
        options.fused = fused
        try options.validate()
        let opt = try optimizer ?? SGD(learningRate: learningRate, momentum: momentum)
        for d in dropouts { d.rate = dropout }
        defer { for d in dropouts { d.rate = 0 } }
        return try model.learn(x, t, loss: loss, optimizer: opt, options: options, progress: progress)
    }
}
