import SomaCore
import SomaLang
import SomaNeural

extension Library {
    /// Supervised networks, layers and optimizers (course unit 2). Each
    /// object type is declared once in its own file (NetworkType, ...).
    static var neuralNets: LibrarySection {
        LibrarySection(name: "neural nets", builtins: [
            declaredBuiltin("Network(sizes, act: \"logistic\", out: \"logistic\", loss: \"mse\", seed:, precision: \"double\")", doc: """
                A fully connected network with layer sizes `sizes`, hidden activation `act`,
                output activation `out` (logistic, tanh, arctan, relu, leaky_relu, threshold,
                linear, softmax) and loss (mse, bce, cce). `net(X)` maps rows of X to outputs;
                `net.learn(X, T, epochs:, lr:, ...)` trains; `net.layers[i].W` and `.b` are
                the weights (sizes[i] x sizes[i+1]) and biases, readable and writable;
                `help(net)` lists every field and method.
                `precision: "single"` does the training products in float32 (about twice as fast
                on big layers, as numpy's float32 code); weights stay float64.
                    net = Network([2, 3, 1]); h = net.learn(X, T, epochs: 2000, lr: 4)
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
                """) { args in
                let n = try args.args.int(0, "n_inputs")
                guard n >= 1, n <= Network.maxLayerSize else {
                    throw SomaError.value("Perceptron: n_inputs must be a positive integer up to \(Network.maxLayerSize)")
                }
                return PerceptronType.type.value(Perceptron(inputs: n))
            },
            declaredBuiltin("Dense(n_in, n_out, act: \"linear\", init:, seed:, precision: \"double\")", doc: """
                A fully connected layer y = act(x·W + b) for `Sequential`; `init` is "he",
                "xavier" or "lecun" (default: he for relu-like activations, else lecun, N(0, 1/n_in)).
                """) { args in
                let nIn = try args.args.int(0, "n_in"), nOut = try args.args.int(1, "n_out")
                let limit = Network.maxLayerSize
                guard nIn >= 1, nOut >= 1, nIn <= limit, nOut <= limit, nIn * nOut <= Network.maxWeights else {
                    throw SomaError.value("Dense: sizes must be positive integers with at most \(Network.maxWeights) weights")
                }
                let act = try Activation(name: try args.string("act"))
                let initializer = try args.keyword("init") == nil ? .suited(to: act) : args.choice("init", Initializer.self)
                let dense = Dense(inputs: nIn, outputs: nOut, initializer: initializer, seed: try args.seed())
                dense.precision = try args.choice("precision", Precision.self)
                let stack: [Layer] = act == .identity ? [dense] : [dense, ActivationLayer(act)]
                return LayerBox(dense: dense, stack: stack).value
            },
            declaredBuiltin("Dropout(rate, seed:)", doc: """
                Inverted dropout for `Sequential`: while training each value is zeroed with
                probability `rate` and survivors scaled by 1/(1 − rate); off at prediction.
                """) { args in
                let layer = try Dropout(rate: try args.args.number(0, "rate"), seed: try args.seed())
                return LayerBox(dense: nil, stack: [layer]).value
            },
            declaredBuiltin("Sequential(layers)", doc: """
                Layers applied in order, e.g. Sequential([Dense(64, 32, act: "relu"),
                Dense(32, 10, act: "softmax")]); call it on X, train with `.learn(X, T,
                epochs:, loss:, optimizer:)`.
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
                Gradient descent W ← W − lr·V with V ← m·V + ∂E/∂W ("friction", the notes'
                (1 − r)V + ∂E/∂W) or V ← m·V + (1 − m)·∂E/∂W ("average"); plain SGD for m = 0.
                """) { args in
                let sgd = try SGD(learningRate: try args.number("lr"), momentum: try args.number("momentum"),
                                  form: try args.choice("form", SGD.MomentumForm.self))
                return OptimizerType.type("SGD").value(OptimizerBox(sgd, name: "SGD"))
            },
            declaredBuiltin("Adam(lr: 0.001, beta1: 0.9, beta2: 0.999)", doc: "The Adam optimizer (bias-corrected running moments).") { args in
                let adam = try Adam(learningRate: try args.number("lr"), beta1: try args.number("beta1"),
                                    beta2: try args.number("beta2"))
                return OptimizerType.type("Adam").value(OptimizerBox(adam, name: "Adam"))
            },
        ])
    }
}
