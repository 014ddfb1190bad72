import SomaCore
import SomaLang
import SomaNeural

extension Library {
    /// Supervised networks, layers and optimizers (course unit 2).
    static var neuralNets: LibrarySection {
        LibrarySection(name: "neural nets", builtins: [
            Builtin("Network(sizes, act: \"logistic\", out: \"logistic\", loss: \"mse\", seed:, precision: \"double\")", doc: """
                A fully connected network with layer sizes `sizes`, hidden activation `act`,
                output activation `out` (logistic, tanh, arctan, relu, leaky_relu, threshold,
                linear, softmax) and loss (mse, bce, cce). `net(X)` maps rows of X to outputs;
                `net.learn(X, T, epochs:, lr:, ...)` trains; `net.layers[i].W` and `.b` are
                the weights (sizes[i] x sizes[i+1]) and biases, readable and writable.
                `precision: "single"` does the matrix products in float32 (about twice as fast
                on big layers, as numpy's float32 code); weights stay float64.
                    net = Network([2, 3, 1]); h = net.learn(X, T, epochs: 2000, lr: 4)
                """) { args in
                let sizes = try args.tensor(0, "sizes").data.map { s -> Int in
                    guard let n = Int(exactly: s), n >= 1, n <= 1_000_000 else {
                        throw SomaError.value("Network: layer sizes must be positive integers, got \(formatNumber(s))")
                    }
                    return n
                }
                let seed = try args.seed()
                let precision = try productPrecision(args)
                let net = try neuralCall("Network") {
                    try Network(sizes: sizes, activation: try Activation(name: try args.keywordString("act", default: "logistic")),
                                output: try Activation(name: try args.keywordString("out", default: "logistic")),
                                loss: try Loss(name: try args.keywordString("loss", default: "mse")), seed: seed,
                                precision: precision)
                }
                return Value(NetworkObject(net))
            },
            Builtin("Perceptron(n_inputs)", doc: """
                A perceptron y = 1 if w·x + b ≥ 0 else 0, starting from zero weights.
                `p.learn(X, t, epochs:, lr: 1)` applies the perceptron rule; `p(X)` gives 0/1.
                """) { args in
                let n = try args.int(0, "n_inputs")
                guard n >= 1, n <= 1_000_000 else { throw SomaError.value("Perceptron: n_inputs must be a positive integer") }
                return Value(PerceptronObject(Perceptron(inputs: n)))
            },
            Builtin("Dense(n_in, n_out, act: \"linear\", init:, seed:, precision: \"double\")", doc: """
                A fully connected layer y = act(x·W + b) for `Sequential`; `init` is "he",
                "xavier" or "lecun" (default: he for relu-like activations, else lecun, N(0, 1/n_in)).
                """) { args in
                let nIn = try args.int(0, "n_in"), nOut = try args.int(1, "n_out")
                guard nIn >= 1, nOut >= 1, nIn <= 1_000_000, nOut <= 1_000_000, nIn * nOut <= Network.maxWeights else {
                    throw SomaError.value("Dense: sizes must be positive integers with at most \(Network.maxWeights) weights")
                }
                let act = try neuralCall("Dense") { try Activation(name: try args.keywordString("act", default: "linear")) }
                let initializer: Initializer
                if let name = try args.keywordString("init") {
                    guard let i = Initializer(rawValue: name) else {
                        throw SomaError.value("Dense: init must be \"he\", \"xavier\" or \"lecun\", got \"\(name)\"")
                    }
                    initializer = i
                } else {
                    initializer = .suited(to: act)
                }
                let dense = Dense(inputs: nIn, outputs: nOut, initializer: initializer, seed: try args.seed())
                dense.precision = try productPrecision(args)
                let stack: [Layer] = act == .identity ? [dense] : [dense, ActivationLayer(act)]
                return Value(LayerObject(dense: dense, stack: stack))
            },
            Builtin("Dropout(rate, seed:)", doc: """
                Inverted dropout for `Sequential`: while training each value is zeroed with
                probability `rate` and survivors scaled by 1/(1 − rate); off at prediction.
                """) { args in
                let rate = try args.number(0, "rate")
                let seed = try args.seed()
                let layer = try neuralCall("Dropout") { try Dropout(rate: rate, seed: seed) }
                return Value(LayerObject(dense: nil, stack: [layer]))
            },
            Builtin("Sequential(layers)", doc: """
                Layers applied in order, e.g. Sequential([Dense(64, 32, act: "relu"),
                Dense(32, 10, act: "softmax")]); call it on X, train with `.learn(X, T,
                epochs:, loss:, optimizer:)`.
                """) { args in
                let items = try args.list(0, "layers")
                let parts = try items.map { item -> LayerObject in
                    guard case .object(let o) = item, let layer = o as? LayerObject else {
                        throw SomaError.type("Sequential: every element must be a layer (Dense, Dropout), got \(item.typeName)")
                    }
                    return layer
                }
                let model = try neuralCall("Sequential") { try Sequential(parts.flatMap(\.stack)) }
                return Value(SequentialObject(model, parts: parts))
            },
            Builtin("SGD(lr: 0.1, momentum: 0, form: \"friction\")", doc: """
                Gradient descent W ← W − lr·V with V ← m·V + ∂E/∂W ("friction", the notes'
                (1 − r)V + ∂E/∂W) or V ← m·V + (1 − m)·∂E/∂W ("average"); plain SGD for m = 0.
                """) { args in
                let formName = try args.keywordString("form", default: "friction")
                guard let form = SGD.MomentumForm(rawValue: formName) else {
                    throw SomaError.value("SGD: form must be \"friction\" or \"average\", got \"\(formName)\"")
                }
                let sgd = try neuralCall("SGD") {
                    try SGD(learningRate: try args.keywordNumber("lr", default: 0.1),
                            momentum: try args.keywordNumber("momentum", default: 0), form: form)
                }
                return Value(OptimizerObject(sgd, name: "SGD"))
            },
            Builtin("Adam(lr: 0.001, beta1: 0.9, beta2: 0.999)", doc: "The Adam optimizer (bias-corrected running moments).") { args in
                let adam = try neuralCall("Adam") {
                    try Adam(learningRate: try args.keywordNumber("lr", default: 0.001),
                             beta1: try args.keywordNumber("beta1", default: 0.9),
                             beta2: try args.keywordNumber("beta2", default: 0.999))
                }
                return Value(OptimizerObject(adam, name: "Adam"))
            },
        ])
    }
}

/// The `precision:` keyword: "double" (default) or "single".
private func productPrecision(_ args: Arguments) throws -> Precision {
    let name = try args.keywordString("precision", default: "double")
    guard let p = Precision(rawValue: name) else {
        throw SomaError.value("\(args.callee): precision must be \"double\" or \"single\", got \"\(name)\"")
    }
    return p
}
