import SomaCore
import SomaLang
import SomaNeural

extension Library {
    /// Supervised networks, layers and optimizers (course unit 2). Each
    /// object type is declared once in its own file (NetworkType, ...).
    static var neuralNets: LibrarySection {
        LibrarySection(name: "neural nets", builtins: [
            declaredBuiltin("Network(sizes, act: \"logistic\", out: \"logistic\", loss: \"mse\", seed:, precision: \"double\")", doc: """
                A fully connected network with the layer sizes `sizes`, input first.
                `act` is the hidden activation, `out` the output activation (logistic, tanh,
                arctan, relu, leaky_relu, threshold, linear, softmax) and `loss` one of mse,
                bce, cce. `net(X)` maps rows of X to outputs;
                `net.learn(X, T, epochs:, lr:, ...)` trains; `net.layers[i].W` and `.b` are
                the weights (sizes[i] x sizes[i+1]) and biases, readable and writable;
                `help(net)` lists every field and method.
                `precision: "single"` holds the weights and biases as float32 tensors, so
                training runs in float32 (half the memory, about twice as fast on big layers,
                as numpy's float32 code). The network computes in its weights' dtype: input of
                the other dtype (`astype("float32")`, a float32 IDX file) is converted batch by
                batch, never as a whole, and outputs have the weights' dtype.
                Example:
                    X, T = xor()
                    net = Network([2, 3, 1], seed: 1)
                    h = net.learn(X, T, epochs: 2000, lr: 4)
                    plot(h.loss); net(X)
                    net32 = Network([2, 3, 1], seed: 1, precision: "single")
                    net32.layers[0].W.dtype   # "float32"
                """) { args in
                let sizes = try args.tensor(0, "sizes").data.map { s -> Int in
                    guard let n = Int(exactly: s), n >= 1, n <= Network.maxLayerSize else {
                        throw SomaError.value("Network: layer sizes must be positive integers up to \(Network.maxLayerSize), got \(formatNumber(s))")
                    }
                    return n
                }
                let net = try Network(sizes: sizes, activation: try Activation(name: try args.string("act")),
                                      output: try Activation(name: try args.string("out")),
                                      loss: try Loss(name: try args.string("loss")), seed: try args.seed(),
                                      precision: try args.choice("precision", Precision.self))
                return NetworkType.type.value(net)
            },
            declaredBuiltin("Perceptron(n_inputs)", doc: """
                A perceptron y = 1 if w·x + b ≥ 0 else 0, starting from zero weights.
                `p.learn(X, t, epochs:, lr: 1)` applies the perceptron rule; `p(X)` gives 0/1.
                Example:
                    X = [[0, 0], [0, 1], [1, 0], [1, 1]]
                    p = Perceptron(2); p.learn(X, [0, 0, 0, 1], epochs: 10)
                    p(X)   # [0, 0, 0, 1]: AND
                """) { args in
                let n = try args.args.int(0, "n_inputs")
                guard n >= 1, n <= Network.maxLayerSize else {
                    throw SomaError.value("Perceptron: n_inputs must be a positive integer up to \(Network.maxLayerSize)")
                }
                return PerceptronType.type.value(Perceptron(inputs: n))
            },
            declaredBuiltin("Dense(n_in, n_out, act: \"linear\", init:, seed:, precision: \"double\")", doc: """
                A fully connected layer y = act(x·W + b) for `Sequential`.
                `init` is "he", "xavier" or "lecun" (default: he for relu-like activations,
                else lecun, N(0, 1/n_in)). `precision: "single"` makes W and b float32.
                Example:
                    layer = Dense(3, 2, act: "relu", seed: 1)
                    layer([1, 2, 3])
                """) { args in
                let nIn = try args.args.int(0, "n_in"), nOut = try args.args.int(1, "n_out")
                let limit = Network.maxLayerSize
                guard nIn >= 1, nOut >= 1, nIn <= limit, nOut <= limit, nIn * nOut <= Network.maxWeights else {
                    throw SomaError.value("Dense: sizes must be positive integers with at most \(Network.maxWeights) weights")
                }
                let act = try Activation(name: try args.string("act"))
                let initializer = try args.keyword("init") == nil ? .suited(to: act) : args.choice("init", Initializer.self)
                let dense = Dense(inputs: nIn, outputs: nOut, initializer: initializer, seed: try args.seed(),
                                  precision: try args.choice("precision", Precision.self))
                let stack: [Layer] = act == .identity ? [dense] : [dense, ActivationLayer(act)]
                return LayerBox(dense: dense, stack: stack).value
            },
            declaredBuiltin("Dropout(rate, seed:)", doc: """
                Inverted dropout for `Sequential`, off at prediction.
                While training each value is zeroed with probability `rate` and the survivors
                are scaled by 1/(1 − rate).
                Example: model = Sequential([Dense(64, 32, act: "relu"), Dropout(0.2), Dense(32, 10, act: "softmax")])
                """) { args in
                let layer = try Dropout(rate: try args.args.number(0, "rate"), seed: try args.seed())
                return LayerBox(dense: nil, stack: [layer]).value
            },
            declaredBuiltin("Sequential(layers)", doc: """
                A model made of layers applied in order (Dense, Dropout).
                Call it on X; train it with `.learn(X, T, epochs:, loss:, optimizer:)`.
                Example:
                    d = digits()
                    model = Sequential([Dense(64, 32, act: "relu", seed: 1), Dense(32, 10, act: "softmax", seed: 2)])
                    h = model.learn(d.images[0:500] / 16, onehot(d.labels[0:500], 10), epochs: 5, loss: "cce", optimizer: Adam(lr: 0.01))
                    h.accuracy[-1]
                """) { args in
                let parts = try args.list(0, "layers").map { item -> LayerBox in
                    guard case .object(let o) = item, let layer = o as? BoundObject<LayerBox> else {
                        throw SomaError.type("Sequential: every element must be a layer (Dense, Dropout), got \(item.typeName)")
                    }
                    return layer.model
                }
                let model = try Sequential(parts.flatMap(\.stack))
                return SequentialType.type.value(SequentialBox(model: model, parts: parts))
            },
            declaredBuiltin("SGD(lr: 0.1, momentum: 0, form: \"friction\")", doc: """
                The gradient descent optimizer W ← W − lr·V, with momentum m.
                V ← m·V + ∂E/∂W ("friction", the notes' (1 − r)V + ∂E/∂W) or
                V ← m·V + (1 − m)·∂E/∂W ("average"); plain SGD for m = 0.
                Example:
                    X, T = xor()
                    net = Network([2, 3, 1], seed: 1)
                    net.learn(X, T, epochs: 500, optimizer: SGD(lr: 2, momentum: 0.9))
                """) { args in
                let sgd = try SGD(learningRate: try args.number("lr"), momentum: try args.number("momentum"),
                                  form: try args.choice("form", SGD.MomentumForm.self))
                return OptimizerType.type("SGD").value(OptimizerBox(sgd, name: "SGD"))
            },
            declaredBuiltin("Adam(lr: 0.001, beta1: 0.9, beta2: 0.999)", doc: """
                The Adam optimizer (bias-corrected running moments).
                Example:
                    X, T = xor()
                    net = Network([2, 3, 1], seed: 1)
                    net.learn(X, T, epochs: 500, optimizer: Adam(lr: 0.05))
                """) { args in
                let adam = try Adam(learningRate: try args.number("lr"), beta1: try args.number("beta1"),
                                    beta2: try args.number("beta2"))
                return OptimizerType.type("Adam").value(OptimizerBox(adam, name: "Adam"))
            },
        ])
    }
}
